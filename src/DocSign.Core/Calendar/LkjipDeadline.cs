using DocSign.Core.Workflow;

namespace DocSign.Core.Calendar;

/// <summary>
/// When an office's LKjIP of year N is due: by default the end of February of N+1 (what Kecamatan deliver to the
/// regency); an office may set another day of year N+1 (<see cref="DueMonth"/>, <see cref="DueDay"/>; no day: the
/// month's last day). Set by an admin.
/// </summary>
public sealed class LkjipDeadlineSetting
{
    private LkjipDeadlineSetting() { }

    public LkjipDeadlineSetting(string officeId) => OfficeId = officeId;

    public string OfficeId { get; private set; } = "";
    public int DueMonth { get; set; } = 2;
    /// <summary>The day of <see cref="DueMonth"/>; null for its last day.</summary>
    public int? DueDay { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The due date of the LKjIP of <paramref name="year"/> under this setting (null: the default).</summary>
    public static DateOnly DueDate(LkjipDeadlineSetting? setting, int year)
    {
        var month = setting?.DueMonth ?? 2;
        var last = DateTime.DaysInMonth(year + 1, month);
        return new DateOnly(year + 1, month, Math.Min(setting?.DueDay ?? last, last));
    }

    /// <summary>"akhir Februari" or "15 Maret" (of the following year).</summary>
    public static string Describe(LkjipDeadlineSetting? setting) => setting?.DueDay is { } day
        ? $"{day} {Text.IndonesianText.MonthName(setting.DueMonth)}"
        : $"akhir {Text.IndonesianText.MonthName(setting?.DueMonth ?? 2)}";
}

/// <summary>Offices' LKjIP due-date settings.</summary>
public interface ILkjipDeadlines
{
    Task<LkjipDeadlineSetting?> FindAsync(string officeId, CancellationToken cancellationToken = default);

    void Add(LkjipDeadlineSetting setting);

    /// <summary>Every office's id, for the administrator's dashboard.</summary>
    Task<IReadOnlyList<string>> ListOfficeIdsAsync(CancellationToken cancellationToken = default);

    Task SaveAsync(CancellationToken cancellationToken = default);
}

/// <summary>Counting backwards on an office's working calendar: the latest moment a step may start to finish by a given time.</summary>
public static class BackwardSchedule
{
    /// <summary>
    /// The latest start <c>s</c> with <c>calendar.Deadline(s, waktu) &lt;= end</c>, to the minute (the same counting as
    /// the SOP's own deadlines: working time, working days, days off, Ramadan hours). A step without a readable Waktu
    /// takes no time.
    /// </summary>
    public static DateTimeOffset LatestStart(WorkingCalendar calendar, TimeStandard? waktu, DateTimeOffset end)
    {
        if (waktu is null) return end;
        bool Fits(DateTimeOffset s) => calendar.Deadline(s, waktu) is not { } d || d <= end;
        // Find a start early enough, doubling the distance, then narrow down to the minute.
        var step = TimeSpan.FromHours(1);
        var early = end - step;
        for (var i = 0; i < 20 && !Fits(early); i++)
        {
            step *= 2;
            early = end - step;
        }
        var late = Minute(end);
        if (Fits(late)) return late;
        // Whole minutes: early fits, late does not.
        early = Minute(early);
        while (late - early > TimeSpan.FromMinutes(1))
        {
            var middle = early + TimeSpan.FromMinutes(Math.Floor((late - early).TotalMinutes / 2));
            if (Fits(middle)) early = middle;
            else late = middle;
        }
        return early;
    }

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary>The end of the office's working time on <paramref name="day"/>, or on the last working day before it.</summary>
    public static DateTimeOffset EndOfWorkOnOrBefore(WorkingCalendar calendar, DateOnly day)
    {
        for (var i = 0; i < 60 && !calendar.IsWorkingDay(day); i++) day = day.AddDays(-1);
        var local = day.ToDateTime(TimeOnly.MinValue) + calendar.PeriodsOn(day)[^1].End;
        return new DateTimeOffset(local, calendar.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Working days from <paramref name="now"/> (today counts while it still has working time) to <paramref name="dueDay"/>.</summary>
    public static int WorkingDaysLeft(WorkingCalendar calendar, DateTimeOffset now, DateOnly dueDay)
    {
        var local = TimeZoneInfo.ConvertTime(now, calendar.Zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        var count = 0;
        for (; day <= dueDay; day = day.AddDays(1))
        {
            var periods = calendar.PeriodsOn(day);
            if (periods.Count == 0) continue;
            if (day == DateOnly.FromDateTime(local) && local.TimeOfDay >= periods[^1].End) continue;
            count++;
        }
        return count;
    }
}
