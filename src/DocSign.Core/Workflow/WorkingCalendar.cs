using System.Globalization;
using DocSign.Core.Calendar;

namespace DocSign.Core.Workflow;

/// <summary>
/// Working time of one office in its own time zone: the periods of its weekly hours (Ramadan hours inside a Ramadan
/// period), minus national holidays, cuti bersama, configured extra days and the office's regional days.
/// <list type="bullet">
/// <item>minutes and hours count working time only (breaks, nights, weekends and days off skipped);</item>
/// <item>"n hari (kerja)" is the same clock time n working days later (kept inside that day's working hours), so a step
/// started Friday 10:00 with "1 Hari" is due Monday 10:00, or Tuesday if Monday is a day off;</item>
/// <item>"n minggu" is n working weeks (as many working days as the office works in a week);</item>
/// <item>"n hari kalender" and "n Bln" are calendar days and months, moved to the next working day when they end on a day off.</item>
/// </list>
/// Deadlines are returned as UTC instants.
/// </summary>
public sealed class WorkingCalendar
{
    private const int MaxDaysSearched = 3700;
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DateOnly> _daysOff;
    private readonly WeeklyHours _hours;
    private readonly WeeklyHours _ramadanHours;
    private readonly IReadOnlyList<RamadanPeriod> _ramadan;

    public WorkingCalendar(TimeZoneInfo zone, WeeklyHours hours, WeeklyHours ramadanHours, IEnumerable<DateOnly> daysOff, IEnumerable<RamadanPeriod> ramadan)
    {
        _zone = zone;
        _hours = hours;
        _ramadanHours = ramadanHours;
        _daysOff = daysOff.ToHashSet();
        _ramadan = ramadan.ToList();
    }

    /// <summary>The calendar of an office with no settings of its own: the defaults from <c>DocSign:Workflow</c> and the national data.</summary>
    public WorkingCalendar(WorkflowOptions options) : this(CalendarDefaults.From(options)) { }

    private WorkingCalendar(CalendarDefaults defaults)
        : this(defaults.Zone, defaults.Hours, defaults.RamadanHours, defaults.DaysOff, NationalCalendar.RamadanPeriods) { }

    public TimeZoneInfo Zone => _zone;

    public WeeklyHours Hours => _hours;

    public WeeklyHours RamadanHours => _ramadanHours;

    public bool IsRamadan(DateOnly day) => _ramadan.Any(r => r.Contains(day));

    /// <summary>The working periods of a local day: none on a day off or a day the office does not work.</summary>
    public IReadOnlyList<WorkPeriod> PeriodsOn(DateOnly day) =>
        _daysOff.Contains(day) ? [] : (IsRamadan(day) ? _ramadanHours : _hours).On(day.DayOfWeek);

    public bool IsWorkingDay(DateOnly day) => PeriodsOn(day).Count > 0;

    /// <summary>
    /// When a step that starts at <paramref name="start"/> with this time standard is due (null: no standard), in UTC
    /// (PostgreSQL stores only UTC instants; screens convert back to the office's zone).
    /// </summary>
    public DateTimeOffset? Deadline(DateTimeOffset start, TimeStandard? standard)
    {
        if (standard is null) return null;
        var due = standard.Unit switch
        {
            TimeUnit.Minutes => AddWorkingTime(start, TimeSpan.FromMinutes(standard.Amount)),
            TimeUnit.Hours => AddWorkingTime(start, TimeSpan.FromHours(standard.Amount)),
            TimeUnit.WorkingDays => AddWorkingDays(start, standard.Amount),
            TimeUnit.Weeks => AddWorkingDays(start, standard.Amount * WorkingDaysPerWeek),
            TimeUnit.CalendarDays => MoveOffDaysOff(Local(start).AddDays(standard.Amount)),
            _ => MoveOffDaysOff(Local(start).AddMonths(standard.Amount)),
        };
        return due.ToUniversalTime();
    }

    /// <summary>Days the office works in a normal week (five under Perpres 21/2023).</summary>
    public int WorkingDaysPerWeek => Enum.GetValues<DayOfWeek>().Count(d => _hours.On(d).Count > 0);

    /// <summary>Adds working time, skipping breaks, nights, weekends and days off.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan amount)
    {
        var t = NextWorkingMoment(Local(start));
        var remaining = amount;
        while (true)
        {
            var end = PeriodAt(t).End;
            var available = t.Date + end - t;
            if (remaining <= available) return ToOffset(t + remaining);
            remaining -= available;
            t = NextWorkingMoment(t.Date + end);
        }
    }

    /// <summary>The same clock time <paramref name="days"/> working days later, kept within that day's working hours.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        var t = NextWorkingMoment(Local(start));
        var day = DateOnly.FromDateTime(t);
        for (var i = 0; i < days; i++) day = NextWorkingDay(day.AddDays(1));
        var periods = PeriodsOn(day);
        var time = t.TimeOfDay;
        if (time < periods[0].Start) time = periods[0].Start;
        if (time > periods[^1].End) time = periods[^1].End;
        return ToOffset(day.ToDateTime(TimeOnly.MinValue) + time);
    }

    /// <summary>The moment itself when inside a working period, else the start of the next one (local time).</summary>
    public DateTime NextWorkingMoment(DateTime local)
    {
        var day = DateOnly.FromDateTime(local);
        for (var i = 0; i < MaxDaysSearched; i++, day = day.AddDays(1))
        {
            foreach (var p in PeriodsOn(day))
            {
                var start = day.ToDateTime(TimeOnly.MinValue) + p.Start;
                var end = day.ToDateTime(TimeOnly.MinValue) + p.End;
                if (local < end) return local > start ? local : start;
            }
        }
        throw new InvalidOperationException("No working time within ten years: the office's hours or days off leave no working day.");
    }

    private DateOnly NextWorkingDay(DateOnly day)
    {
        for (var i = 0; i < MaxDaysSearched; i++, day = day.AddDays(1))
            if (IsWorkingDay(day)) return day;
        throw new InvalidOperationException("No working day within ten years: the office's hours or days off leave no working day.");
    }

    private WorkPeriod PeriodAt(DateTime local) =>
        PeriodsOn(DateOnly.FromDateTime(local)).First(p => local.TimeOfDay >= p.Start && local.TimeOfDay < p.End);

    private DateTimeOffset MoveOffDaysOff(DateTime local)
    {
        var day = NextWorkingDay(DateOnly.FromDateTime(local));
        return ToOffset(day.ToDateTime(TimeOnly.MinValue) + local.TimeOfDay);
    }

    private DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).DateTime;

    private DateTimeOffset ToOffset(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, _zone.GetUtcOffset(unspecified));
    }
}

/// <summary>
/// The defaults every office starts from, read once from <c>DocSign:Workflow</c> (bad settings fail at start, naming the
/// setting): the time zone, Perpres 21/2023 hours (or the configured single window) and the national days off plus the
/// configured extra days.
/// </summary>
public sealed record CalendarDefaults(TimeZoneInfo Zone, WeeklyHours Hours, WeeklyHours RamadanHours, IReadOnlySet<DateOnly> DaysOff)
{
    public static CalendarDefaults From(WorkflowOptions options)
    {
        var zone = OfficeZones.Find(options.TimeZone)
            ?? throw new InvalidOperationException($"DocSign:Workflow:TimeZone '{options.TimeZone}' is not a known time zone.");
        var days = NationalCalendar.AllDays.Select(d => d.Date).ToHashSet();
        foreach (var h in options.Holidays)
        {
            if (!DateOnly.TryParseExact(h?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new InvalidOperationException($"DocSign:Workflow:Holidays: '{h}' is not a date like 2026-12-25.");
            days.Add(day);
        }
        WeeklyHours hours = WeeklyHours.PerpresDefault, ramadan = WeeklyHours.PerpresRamadan;
        if (options.WorkdayStart is not null || options.WorkdayEnd is not null)
        {
            var start = ParseTime(options.WorkdayStart, "WorkdayStart");
            var end = ParseTime(options.WorkdayEnd, "WorkdayEnd");
            if (end <= start) throw new InvalidOperationException("DocSign:Workflow:WorkdayEnd must be after WorkdayStart.");
            hours = ramadan = WeeklyHours.Uniform(start, end);
        }
        return new CalendarDefaults(zone, hours, ramadan, days);
    }

    private static TimeSpan ParseTime(string? value, string name) =>
        TimeSpan.TryParseExact(value, @"hh\:mm", CultureInfo.InvariantCulture, out var t) && t < TimeSpan.FromDays(1)
            ? t
            : throw new InvalidOperationException($"DocSign:Workflow:{name} '{value}' is not a time like 08:00 (set both WorkdayStart and WorkdayEnd, or neither).");
}
