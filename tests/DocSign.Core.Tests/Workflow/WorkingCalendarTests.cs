using DocSign.Core.Workflow;

namespace DocSign.Core.Tests.Workflow;

/// <summary>
/// Deadline arithmetic in one window of working hours (WIB, Monday to Friday 08:00-16:00 as configured, minus a configured
/// holiday). The Perpres 21/2023 hours, Ramadan, national days and WITA are in <see cref="IndonesianCalendarTests"/>.
/// </summary>
public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    // 2026-03-06 is a Friday; Monday 2026-03-09 is configured as a holiday.
    private static readonly WorkingCalendar Calendar = new(new WorkflowOptions { Holidays = ["2026-03-09"], WorkdayStart = "08:00", WorkdayEnd = "16:00" });

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Wib);

    private static DateTimeOffset? Due(DateTimeOffset start, string waktu)
    {
        TimeStandard.TryParse(waktu, out var t).ShouldBeTrue();
        return Calendar.Deadline(start, t);
    }

    [Fact]
    public void Minutes_inside_the_working_day_are_plain_minutes() => Due(At(3, 5, 10), "10 menit").ShouldBe(At(3, 5, 10, 10));

    [Fact]
    public void Hours_that_pass_Friday_evening_continue_after_the_weekend_and_the_holiday() =>
        Due(At(3, 6, 15), "3 Jam").ShouldBe(At(3, 10, 10));

    [Fact]
    public void One_working_day_from_Friday_skips_the_weekend_and_the_holiday() =>
        Due(At(3, 6, 14), "1 Hari").ShouldBe(At(3, 10, 14));

    [Fact]
    public void A_step_started_on_Saturday_counts_from_the_next_working_morning() =>
        Due(At(3, 7, 11), "1 Jam").ShouldBe(At(3, 10, 9));

    [Fact]
    public void Started_after_hours_counts_from_the_next_working_morning() =>
        Due(At(3, 4, 20), "30 menit").ShouldBe(At(3, 5, 8, 30));

    [Fact]
    public void Five_working_days_span_a_week_and_a_holiday() =>
        Due(At(3, 5, 9), "5 hari").ShouldBe(At(3, 13, 9));

    [Fact]
    public void A_month_is_a_calendar_month_moved_off_a_weekend() =>
        // 2026-02-07 + 1 month = Saturday 2026-03-07 -> Tuesday 2026-03-10 (Monday is the holiday).
        Due(At(2, 7, 10), "1 Bln").ShouldBe(At(3, 10, 10));

    [Fact]
    public void Deadlines_are_UTC_instants_counted_in_WIB()
    {
        var due = Due(At(3, 5, 15, 30), "1 Jam")!.Value;
        due.Offset.ShouldBe(TimeSpan.Zero);
        due.ShouldBe(At(3, 6, 8, 30)); // 30 minutes Thursday, 30 minutes Friday morning (WIB)
    }

    [Fact]
    public void A_bad_holiday_or_time_zone_fails_at_start_with_the_setting_named()
    {
        Should.Throw<InvalidOperationException>(() => new WorkingCalendar(new WorkflowOptions { Holidays = ["9 Maret"] })).Message.ShouldContain("Holidays");
        Should.Throw<InvalidOperationException>(() => new WorkingCalendar(new WorkflowOptions { TimeZone = "Mars/Olympus" })).Message.ShouldContain("TimeZone");
    }
}
