using DocSign.Core.Ports;
using DocSign.Core.Workflow;

namespace DocSign.Core.Calendar;

/// <summary>
/// Builds an office's working calendar: its time zone and hours (or the defaults), the national days off, the
/// configured extra days and its regional days. Scoped: each office is read once per request or job run.
/// </summary>
public sealed class OfficeCalendars(ICalendarRepository repository, CalendarDefaults defaults)
{
    private readonly Dictionary<string, WorkingCalendar> _built = new(StringComparer.Ordinal);

    public async Task<WorkingCalendar> ForOfficeAsync(string officeId, CancellationToken cancellationToken = default)
    {
        if (_built.TryGetValue(officeId, out var calendar)) return calendar;
        var settings = await WorkflowAccess.Database(() => repository.FindSettingsAsync(officeId, cancellationToken));
        var regional = await WorkflowAccess.Database(() => repository.ListRegionalDaysAsync(officeId, cancellationToken));
        calendar = Build(settings, regional);
        _built[officeId] = calendar;
        return calendar;
    }

    /// <summary>The calendar for these settings and regional days (stored settings were checked when saved).</summary>
    public WorkingCalendar Build(OfficeCalendarSettings? settings, IEnumerable<RegionalHoliday> regional)
    {
        var zone = settings is null ? defaults.Zone : OfficeZones.Find(settings.TimeZone) ?? defaults.Zone;
        var hours = settings?.Hours is { } h ? WeeklyHours.Parse(h) : defaults.Hours;
        var ramadan = settings?.RamadanHours is { } r ? WeeklyHours.Parse(r) : defaults.RamadanHours;
        return new WorkingCalendar(zone, hours, ramadan, defaults.DaysOff.Concat(regional.Select(d => d.Date)), NationalCalendar.RamadanPeriods);
    }

    /// <summary>
    /// Counts the deadlines of the office's running steps again with <paramref name="calendar"/> (the office's calendar
    /// with the change being made, not yet saved); the caller saves. Returns how many changed.
    /// </summary>
    internal async Task<int> RescheduleRunningAsync(IWorkflowRepository workflows, string officeId, WorkingCalendar calendar, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        _built[officeId] = calendar;
        var changed = 0;
        foreach (var instance in await WorkflowAccess.Database(() => workflows.ListRunningInstancesAsync(officeId, cancellationToken)))
            if (await WorkflowAccess.Database(() => SopCatalog.FindAsync(workflows, instance.TemplateKey, cancellationToken)) is { } sop && instance.Reschedule(sop, calendar, now))
                changed++;
        return changed;
    }
}
