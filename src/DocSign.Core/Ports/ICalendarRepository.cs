using DocSign.Core.Calendar;

namespace DocSign.Core.Ports;

/// <summary>
/// Offices' working-time settings and regional days off. Add/Remove only stage in the request's unit of work; it is
/// saved, with the running steps rescheduled meanwhile and the audit events, by <see cref="IWorkflowRepository.SaveAsync"/>.
/// </summary>
public interface ICalendarRepository
{
    Task<OfficeCalendarSettings?> FindSettingsAsync(string officeId, CancellationToken cancellationToken = default);

    void Add(OfficeCalendarSettings settings);

    /// <summary>The office's regional days, oldest first.</summary>
    Task<IReadOnlyList<RegionalHoliday>> ListRegionalDaysAsync(string officeId, CancellationToken cancellationToken = default);

    void Add(RegionalHoliday day);

    void Remove(RegionalHoliday day);
}
