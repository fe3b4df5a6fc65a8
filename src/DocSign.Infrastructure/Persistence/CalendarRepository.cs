using DocSign.Core.Calendar;
using DocSign.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

/// <summary>Offices' calendar settings and regional days in the application database (the request's unit of work).</summary>
public sealed class CalendarRepository(DocSignDbContext db) : ICalendarRepository
{
    public Task<OfficeCalendarSettings?> FindSettingsAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<OfficeCalendarSettings>().FirstOrDefaultAsync(s => s.OfficeId == officeId, cancellationToken));

    public void Add(OfficeCalendarSettings settings) => db.Set<OfficeCalendarSettings>().Add(settings);

    public Task<IReadOnlyList<RegionalHoliday>> ListRegionalDaysAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => (IReadOnlyList<RegionalHoliday>)await db.Set<RegionalHoliday>()
            .Where(d => d.OfficeId == officeId).OrderBy(d => d.Date).ToListAsync(cancellationToken));

    public void Add(RegionalHoliday day) => db.Set<RegionalHoliday>().Add(day);

    public void Remove(RegionalHoliday day) => db.Set<RegionalHoliday>().Remove(day);
}
