using System.Globalization;

namespace DocSign.Core.Workflow;

/// <summary>Bound from <c>DocSign:Workflow</c>: the offices' working time.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "DocSign:Workflow";

    /// <summary>IANA time zone of the offices (WIB by default).</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";

    /// <summary>Public holidays and cuti bersama as <c>yyyy-MM-dd</c>; no work is counted on them.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Start and end of the working day, local time (<c>HH:mm</c>).</summary>
    public string WorkdayStart { get; set; } = "08:00";
    public string WorkdayEnd { get; set; } = "16:00";

    /// <summary>How often the overdue check runs.</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Working time of an office: Monday to Friday between <see cref="WorkflowOptions.WorkdayStart"/> and
/// <see cref="WorkflowOptions.WorkdayEnd"/>, minus the configured holidays, in the office time zone.
/// Minutes and hours count working time only; "n Hari" is n working days (n full working-day lengths of working
/// time, so a step started Friday 10:00 with "1 Hari" is due Monday 10:00); "n Bln" is n calendar months,
/// moved to the next working day when it falls on a weekend or holiday.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DateOnly> _holidays;
    private readonly TimeSpan _start;
    private readonly TimeSpan _end;

    public WorkingCalendar(WorkflowOptions options)
    {
        try
        {
            _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"DocSign:Workflow:TimeZone '{options.TimeZone}' is not a known time zone.", e);
        }
        _holidays = new HashSet<DateOnly>();
        foreach (var h in options.Holidays)
        {
            if (!DateOnly.TryParseExact(h?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new InvalidOperationException($"DocSign:Workflow:Holidays: '{h}' is not a date like 2026-12-25.");
            _holidays.Add(day);
        }
        _start = ParseTime(options.WorkdayStart, "WorkdayStart");
        _end = ParseTime(options.WorkdayEnd, "WorkdayEnd");
        if (_end <= _start) throw new InvalidOperationException("DocSign:Workflow:WorkdayEnd must be after WorkdayStart.");
    }

    public TimeZoneInfo Zone => _zone;

    public TimeSpan WorkdayLength => _end - _start;

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

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
            TimeUnit.WorkingDays => AddWorkingTime(start, WorkdayLength * standard.Amount),
            _ => AddMonths(start, standard.Amount),
        };
        return due.ToUniversalTime();
    }

    /// <summary>Adds working time, skipping nights, weekends and holidays.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan amount)
    {
        var local = TimeZoneInfo.ConvertTime(start, _zone).DateTime;
        var t = NextWorkingMoment(local);
        var remaining = amount;
        while (true)
        {
            var endOfDay = t.Date + _end;
            var available = endOfDay - t;
            if (remaining <= available) return ToOffset(t + remaining);
            remaining -= available;
            t = NextWorkingMoment(t.Date.AddDays(1) + _start);
        }
    }

    private DateTimeOffset AddMonths(DateTimeOffset start, int months)
    {
        var local = TimeZoneInfo.ConvertTime(start, _zone).DateTime.AddMonths(months);
        while (!IsWorkingDay(DateOnly.FromDateTime(local))) local = local.AddDays(1);
        return ToOffset(local);
    }

    /// <summary>The moment itself when inside working hours, else the start of the next working period.</summary>
    private DateTime NextWorkingMoment(DateTime local)
    {
        var t = local;
        while (true)
        {
            if (IsWorkingDay(DateOnly.FromDateTime(t)))
            {
                if (t.TimeOfDay < _start) return t.Date + _start;
                if (t.TimeOfDay < _end) return t;
            }
            t = t.Date.AddDays(1) + _start;
        }
    }

    private DateTimeOffset ToOffset(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)));

    private static TimeSpan ParseTime(string value, string name) =>
        TimeSpan.TryParseExact(value, @"hh\:mm", CultureInfo.InvariantCulture, out var t) && t < TimeSpan.FromDays(1)
            ? t
            : throw new InvalidOperationException($"DocSign:Workflow:{name} '{value}' is not a time like 08:00.");
}
