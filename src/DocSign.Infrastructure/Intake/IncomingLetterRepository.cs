using DocSign.Core.Intake;
using DocSign.Core.Offices;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Intake;

/// <summary>The surat masuk register in the application database; changes share the request's unit of work (and its audit events).</summary>
public sealed class IncomingLetterRepository(DocSignDbContext db) : IIncomingLetterRepository
{
    public void Add(IncomingLetter letter) => db.Set<IncomingLetter>().Add(letter);

    public Task<IncomingLetter?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<IncomingLetter>().Include(l => l.Dispositions).FirstOrDefaultAsync(l => l.Id == id, cancellationToken));

    public Task<IReadOnlyList<IncomingLetter>> ListAsync(string officeId, int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => (IReadOnlyList<IncomingLetter>)await db.Set<IncomingLetter>().AsNoTracking().Include(l => l.Dispositions)
            .Where(l => l.OfficeId == officeId).OrderByDescending(l => l.ReceivedOn).ThenByDescending(l => l.Id).Take(max)
            .ToListAsync(cancellationToken));

    public Task<IncomingLetter?> FindByDocumentAsync(Guid documentId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<IncomingLetter>().AsNoTracking().FirstOrDefaultAsync(l => l.DocumentId == documentId, cancellationToken));

    public Task<IReadOnlyList<IncomingLetter>> ListOpenWithDisposisiAsync(IReadOnlyCollection<string> officeIds, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => (IReadOnlyList<IncomingLetter>)await db.Set<IncomingLetter>().AsNoTracking().Include(l => l.Dispositions)
            .Where(l => officeIds.Contains(l.OfficeId) && l.DocumentId == null && l.Dispositions.Any())
            .OrderBy(l => l.ReceivedOn).Take(200).ToListAsync(cancellationToken));

    public Task<IReadOnlyList<(string UserName, string Role)>> ListMembersAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var rows = await (from m in db.Set<Membership>()
                              join u in db.Users on m.UserId equals u.Id
                              where m.OfficeId == officeId
                              orderby u.UserName
                              select new { u.UserName, m.Role }).ToListAsync(cancellationToken);
            return (IReadOnlyList<(string, string)>)rows.Select(r => (r.UserName ?? "", r.Role)).ToList();
        });

    public Task SaveAsync(CancellationToken cancellationToken = default) => DatabaseFaults.GuardAsync(() => db.SaveChangesAsync(cancellationToken));
}
