using DocSign.Core.Calendar;
using DocSign.Core.Workflow;

namespace DocSign.Infrastructure.Tests.Workflow;

/// <summary>
/// The Indonesian calendar without a database: the shipped national days and their decrees, Perpres 21/2023 hours
/// with Ramadan hours, deadlines across Idulfitri's cuti bersama in WIB and in WITA, the Waktu forms (ranges, weeks,
/// months, hari kerja, calendar days) and a regional day moving a deadline.
/// </summary>
public sealed class IndonesianCalendarTests
{
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById(OfficeZones.Wib);
    private static readonly TimeZoneInfo Wita = TimeZoneInfo.FindSystemTimeZoneById(OfficeZones.Wita);

    private static WorkingCalendar Office(TimeZoneInfo zone, params DateOnly[] regional) => new(zone, WeeklyHours.PerpresDefault, WeeklyHours.PerpresRamadan,
        NationalCalendar.AllDays.Select(d => d.Date).Concat(regional), NationalCalendar.RamadanPeriods);

    /// <summary>A local wall-clock time in <paramref name="zone"/>.</summary>
    private static DateTimeOffset At(TimeZoneInfo zone, int month, int day, int hour, int minute = 0, int year = 2026)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static TimeStandard Waktu(string raw)
    {
        TimeStandard.TryParse(raw, out var t).ShouldBeTrue(raw);
        return t!;
    }

    [Fact]
    public void The_shipped_years_carry_their_decrees_and_counts()
    {
        NationalCalendar.Years.Keys.ShouldBe([2025, 2026, 2027]);
        var y2025 = NationalCalendar.Year(2025)!;
        y2025.Provisional.ShouldBeFalse();
        y2025.Days.Count(d => d.Kind == DayOffKind.NationalHoliday).ShouldBe(17);
        y2025.Days.Count(d => d.Kind == DayOffKind.CollectiveLeave).ShouldBe(11); // 10 in the SKB, 18 August added by its amendment
        y2025.Decrees.Select(d => d.SignedOn).ShouldBe([new DateOnly(2024, 10, 14), new DateOnly(2025, 8, 7)]);
        y2025.SourceText.ShouldContain("1017 Tahun 2024");

        var y2026 = NationalCalendar.Year(2026)!;
        y2026.Provisional.ShouldBeFalse();
        y2026.Days.Count(d => d.Kind == DayOffKind.NationalHoliday).ShouldBe(17);
        y2026.Days.Count(d => d.Kind == DayOffKind.CollectiveLeave).ShouldBe(8);
        y2026.Decrees.Single().Number.ShouldContain("1497 Tahun 2025");
        y2026.Days.ShouldAllBe(d => !d.Provisional && d.Source.Contains("1497"));

        // No SKB for 2027 was found: the year and every movable day are provisional, and no cuti bersama is invented.
        var y2027 = NationalCalendar.Year(2027)!;
        y2027.Provisional.ShouldBeTrue();
        y2027.Decrees.ShouldBeEmpty();
        y2027.Ramadan!.Provisional.ShouldBeTrue();
        y2027.Days.ShouldNotContain(d => d.Kind == DayOffKind.CollectiveLeave);
        y2027.Days.Where(d => d.Name.Contains("perkiraan")).ShouldAllBe(d => d.Provisional);
        y2027.Days.Single(d => d.Date == new DateOnly(2027, 8, 17)).Provisional.ShouldBeFalse();
    }

    [Fact]
    public void Broken_calendar_data_is_refused_naming_the_fault()
    {
        Should.Throw<InvalidOperationException>(() => NationalCalendar.Parse("""{ "years": [ { "year": 2030, "status": "resmi", "decrees": [], "days": [] } ] }"""))
            .Message.ShouldContain("must name its decree");
        Should.Throw<InvalidOperationException>(() => NationalCalendar.Parse(
            """{ "years": [ { "year": 2030, "status": "sementara", "days": [ { "date": "2031-01-01", "kind": "libur", "name": "x" } ] } ] }"""))
            .Message.ShouldContain("not in its year");
    }

    [Fact]
    public void Perpres_hours_are_37_and_a_half_a_week_and_32_and_a_half_in_Ramadan()
    {
        WeeklyHours.PerpresDefault.PerWeek.ShouldBe(TimeSpan.FromHours(37.5));
        WeeklyHours.PerpresRamadan.PerWeek.ShouldBe(TimeSpan.FromHours(32.5));
        WeeklyHours.PerpresDefault.On(DayOfWeek.Monday)[0].Start.ShouldBe(new TimeSpan(7, 30, 0));
        WeeklyHours.PerpresRamadan.On(DayOfWeek.Friday)[0].Start.ShouldBe(new TimeSpan(8, 0, 0));
        WeeklyHours.PerpresDefault.On(DayOfWeek.Saturday).ShouldBeEmpty();
        WeeklyHours.Parse(WeeklyHours.PerpresDefault.ToString()).ToString().ShouldBe("Sen-Kam 07:30-12:00,13:00-16:00; Jum 07:30-11:30,13:00-16:30");
        WeeklyHours.TryParse("Sen-Jum 16:00-08:00", out _, out var problem).ShouldBeFalse();
        problem.ShouldNotBeNull();
    }

    [Fact]
    public void Breaks_are_not_working_time()
    {
        var calendar = Office(Wib);
        // Thursday 2026-04-16, outside Ramadan: the hour from 11:30 runs across the 12:00-13:00 break.
        calendar.Deadline(At(Wib, 4, 16, 11, 30), Waktu("1 jam")).ShouldBe(At(Wib, 4, 16, 13, 30));
        // Friday 2026-04-17: the break is 11:30-13:00, and the day ends at 16:30.
        calendar.Deadline(At(Wib, 4, 17, 11, 0), Waktu("1 jam")).ShouldBe(At(Wib, 4, 17, 13, 30));
        calendar.Deadline(At(Wib, 4, 17, 16, 0), Waktu("60 menit")).ShouldBe(At(Wib, 4, 20, 8, 0));
    }

    [Theory]
    [InlineData("Asia/Jakarta")]
    [InlineData("Asia/Makassar")]
    public void Three_working_days_across_Nyepi_and_Idulfitri_2026_end_after_the_cuti_bersama(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var calendar = Office(zone);
        // Tuesday 17 March 2026, 10:00 local. 18 cuti Nyepi, 19 Nyepi, 20 cuti Idulfitri, 21-22 Idulfitri (weekend),
        // 23-24 cuti Idulfitri: the working days after it are 25, 26 and 27 March.
        var due = calendar.Deadline(At(zone, 3, 17, 10), Waktu("3 hari"))!.Value;
        due.ShouldBe(At(zone, 3, 27, 10));
        due.Offset.ShouldBe(TimeSpan.Zero);
        TimeZoneInfo.ConvertTime(due, zone).Hour.ShouldBe(10);
    }

    [Fact]
    public void The_same_local_start_is_due_an_hour_earlier_in_UTC_in_WITA_than_in_WIB()
    {
        var wib = Office(Wib).Deadline(At(Wib, 3, 17, 10), Waktu("3 hari"))!.Value;
        var wita = Office(Wita).Deadline(At(Wita, 3, 17, 10), Waktu("3 hari"))!.Value;
        wib.ShouldBe(new DateTimeOffset(2026, 3, 27, 3, 0, 0, TimeSpan.Zero));
        wita.ShouldBe(new DateTimeOffset(2026, 3, 27, 2, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("Asia/Jakarta")]
    [InlineData("Asia/Makassar")]
    public void Hours_cross_from_Ramadan_hours_over_Lebaran_into_normal_hours(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var calendar = Office(zone);
        // Tuesday 17 March is in Ramadan (work ends 15:00): one hour that day, the second from 07:30 on Wednesday 25 March.
        calendar.IsRamadan(new DateOnly(2026, 3, 17)).ShouldBeTrue();
        calendar.IsRamadan(new DateOnly(2026, 3, 25)).ShouldBeFalse();
        calendar.Deadline(At(zone, 3, 17, 14), Waktu("2 Jam")).ShouldBe(At(zone, 3, 25, 8, 30));
    }

    [Fact]
    public void Idulfitri_2025_cuti_bersama_are_skipped_too()
    {
        // Friday 28 March 2025 is cuti Nyepi; 31 March-1 April Idulfitri; 2-4 and 7 April cuti bersama.
        Office(Wib).Deadline(At(Wib, 3, 27, 9, year: 2025), Waktu("1 hari kerja")).ShouldBe(At(Wib, 4, 8, 9, year: 2025));
    }

    [Fact]
    public void A_range_counts_its_upper_bound()
    {
        var range = Waktu("2-3 hari");
        range.Amount.ShouldBe(3);
        range.RangeFrom.ShouldBe(2);
        range.Unit.ShouldBe(TimeUnit.WorkingDays);
        range.Meaning.ShouldContain("batas atas");
        var calendar = Office(Wib);
        calendar.Deadline(At(Wib, 4, 13, 9), range).ShouldBe(calendar.Deadline(At(Wib, 4, 13, 9), Waktu("3 hari kerja")));
        calendar.Deadline(At(Wib, 4, 13, 9), range).ShouldBe(At(Wib, 4, 16, 9));
        Waktu("1 s.d. 2 minggu").Amount.ShouldBe(2);
        Waktu("30 sampai 45 menit").Amount.ShouldBe(45);
    }

    [Fact]
    public void A_week_is_five_working_days_so_Lebaran_lengthens_it()
    {
        var calendar = Office(Wib);
        // Monday 13 April 2026 (no day off that week) + 1 minggu = Monday 20 April.
        calendar.Deadline(At(Wib, 4, 13, 9), Waktu("1 minggu")).ShouldBe(At(Wib, 4, 20, 9));
        // Monday 16 March 2026: 17, 25, 26, 27 and 30 March are the five working days.
        calendar.Deadline(At(Wib, 3, 16, 9), Waktu("1 pekan")).ShouldBe(At(Wib, 3, 30, 9));
    }

    [Fact]
    public void Months_and_calendar_days_end_on_the_next_working_day()
    {
        var calendar = Office(Wib);
        // 20 February 2026 + 1 bulan = Friday 20 March (cuti Idulfitri) -> Wednesday 25 March.
        calendar.Deadline(At(Wib, 2, 20, 10), Waktu("1 Bln")).ShouldBe(At(Wib, 3, 25, 10));
        // Thursday 12 March + 7 hari kalender = Thursday 19 March (Nyepi) -> 25 March.
        calendar.Deadline(At(Wib, 3, 12, 10), Waktu("7 hari kalender")).ShouldBe(At(Wib, 3, 25, 10));
    }

    [Fact]
    public void Working_days_keep_the_clock_time_within_the_day_hours()
    {
        var calendar = Office(Wib);
        // Friday 16:15 (Friday ends 16:30) + 1 hari: Monday ends at 16:00.
        calendar.Deadline(At(Wib, 4, 17, 16, 15), Waktu("1 hari")).ShouldBe(At(Wib, 4, 20, 16, 0));
        // Started after hours: counts from the next working morning.
        calendar.Deadline(At(Wib, 4, 16, 20, 0), Waktu("1 hari")).ShouldBe(At(Wib, 4, 20, 7, 30));
    }

    [Fact]
    public void A_regional_day_moves_a_deadline()
    {
        var start = At(Wib, 4, 13, 9); // Monday
        Office(Wib).Deadline(start, Waktu("2 hari")).ShouldBe(At(Wib, 4, 15, 9));
        Office(Wib, new DateOnly(2026, 4, 14)).Deadline(start, Waktu("2 hari")).ShouldBe(At(Wib, 4, 16, 9));
    }

    [Theory]
    [InlineData("10 menit", 10, TimeUnit.Minutes)]
    [InlineData("15 mnt", 15, TimeUnit.Minutes)]
    [InlineData("3 hari kerja", 3, TimeUnit.WorkingDays)]
    [InlineData("3 HK", 3, TimeUnit.WorkingDays)]
    [InlineData("2  Minggu", 2, TimeUnit.Weeks)]
    [InlineData("1 pekan", 1, TimeUnit.Weeks)]
    [InlineData("14 hari kalender", 14, TimeUnit.CalendarDays)]
    [InlineData("1 Bln.", 1, TimeUnit.Months)]
    [InlineData("2 – 3 hari", 3, TimeUnit.WorkingDays)]
    [InlineData("1-2 bulan", 2, TimeUnit.Months)]
    public void Waktu_forms_are_read(string raw, int amount, TimeUnit unit)
    {
        var t = Waktu(raw);
        t.Amount.ShouldBe(amount);
        t.Unit.ShouldBe(unit);
    }

    [Theory]
    [InlineData("1 x 24 jam")]
    [InlineData("1,5 jam")]
    [InlineData("3-2 hari")]
    [InlineData("2-2 hari")]
    [InlineData("menyesuaikan")]
    [InlineData("3 tahun")]
    public void Waktu_it_cannot_read_is_refused_not_guessed(string raw) => TimeStandard.TryParse(raw, out _).ShouldBeFalse();

    [Fact]
    public void Every_seed_Waktu_is_read()
    {
        var steps = SopTemplateLoader.Templates.Values.SelectMany(t => t.Steps).Where(s => s.WaktuRaw is not null).ToList();
        steps.Count.ShouldBeGreaterThanOrEqualTo(39);   // the seeds' own Waktu (an added, proposed one is not carried as the SOP's)
        steps.ShouldAllBe(s => !s.WaktuUnreadable);
    }

    [Fact]
    public void The_default_calendar_fails_at_start_on_a_bad_zone_or_half_set_hours()
    {
        Should.Throw<InvalidOperationException>(() => CalendarDefaults.From(new WorkflowOptions { TimeZone = "Mars/Olympus" })).Message.ShouldContain("TimeZone");
        Should.Throw<InvalidOperationException>(() => CalendarDefaults.From(new WorkflowOptions { WorkdayStart = "08:00" })).Message.ShouldContain("WorkdayEnd");
        CalendarDefaults.From(new WorkflowOptions()).Hours.ShouldBe(WeeklyHours.PerpresDefault);
    }
}
