using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Core.Workflow;

namespace DocSign.Core.Calendar;

/// <summary>
/// An office's calendar for one year as shown: zone, hours (its own or the defaults), the national days off with their
/// decree (provisional where no decree is known), Ramadan, and the office's regional days.
/// </summary>
public sealed record OfficeCalendarView(
    string OfficeId, int Year, string TimeZone, string ZoneLabel, string Hours, string RamadanHours, bool OwnHours, bool OwnRamadanHours,
    NationalYear? National, IReadOnlyList<DayOff> RegionalDays, IReadOnlyList<int> Years)
{
    /// <summary>Every day off of the year, national and regional, by date.</summary>
    public IReadOnlyList<DayOff> Days => (National?.Days ?? []).Concat(RegionalDays).OrderBy(d => d.Date).ThenBy(d => d.Kind).ToList();
}

/// <summary>Office members and admins read an office's calendar.</summary>
public sealed class GetOfficeCalendarHandler(ICalendarRepository calendars, IDocumentRepository documents, OfficeCalendars built, TimeProvider clock)
{
    public async Task<OfficeCalendarView> HandleAsync(Actor actor, string? office, int? year = null, CancellationToken cancellationToken = default)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        var calendar = await built.ForOfficeAsync(officeId, cancellationToken);
        var settings = await WorkflowAccess.Database(() => calendars.FindSettingsAsync(officeId, cancellationToken));
        var regional = await WorkflowAccess.Database(() => calendars.ListRegionalDaysAsync(officeId, cancellationToken));
        var y = year is >= 2000 and <= 2100 ? year.Value : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), calendar.Zone).DateTime).Year;
        var zone = calendar.Zone.Id;
        return new OfficeCalendarView(officeId, y, zone, OfficeZones.Label(zone), calendar.Hours.ToString(), calendar.RamadanHours.ToString(),
            settings?.Hours is not null, settings?.RamadanHours is not null, NationalCalendar.Year(y),
            regional.Where(d => d.Date.Year == y).Select(d => new DayOff(d.Date, DayOffKind.Regional, d.Name, false, $"ditetapkan kantor ({d.AddedBy})")).ToList(),
            NationalCalendar.Years.Keys.Union(regional.Select(d => d.Date.Year)).Order().ToList());
    }
}
