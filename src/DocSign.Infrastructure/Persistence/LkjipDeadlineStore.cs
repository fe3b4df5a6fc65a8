using DocSign.Core.Calendar;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

/// <summary>Offices' LKjIP due-date settings in the application database.</summary>
public sealed class LkjipDeadlineStore(DocSignDbContext db) : ILkjipDeadlines
{
    public Task<LkjipDeadlineSetting?> FindAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<LkjipDeadlineSetting>().FirstOrDefaultAsync(s => s.OfficeId == officeId, cancellationToken));

    public void Add(LkjipDeadlineSetting setting) => db.Set<LkjipDeadlineSetting>().Add(setting);

    public Task<IReadOnlyList<string>> ListOfficeIdsAsync(CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => (IReadOnlyList<string>)await db.Offices.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken));

    public Task SaveAsync(CancellationToken cancellationToken = default) => DatabaseFaults.GuardAsync(() => db.SaveChangesAsync(cancellationToken));
}
