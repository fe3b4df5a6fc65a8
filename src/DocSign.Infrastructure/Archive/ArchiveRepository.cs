using DocSign.Core.Archive;
using DocSign.Core.Letters;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Archive;

internal sealed class ArchiveRepository(DocSignDbContext db) : IArchiveRepository
{
    public async Task<IReadOnlyList<ArchiveCopy>> ListForDocumentAsync(Guid documentId, CancellationToken cancellationToken = default) =>
        (await db.Set<ArchiveCopy>().Where(c => c.DocumentId == documentId).ToListAsync(cancellationToken)).OrderBy(c => c.ArchivedAt).ThenBy(c => c.Key).ToList();

    public async Task<IReadOnlyList<ArchiveCopy>> ListForOfficeAsync(string officeId, int max, CancellationToken cancellationToken = default) =>
        (await db.Set<ArchiveCopy>().AsNoTracking().Where(c => c.OfficeId == officeId).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.ArchivedAt).ThenBy(c => c.Key).Take(max).ToList();

    public Task<ArchiveCopy?> FindAsync(string officeId, Guid copyId, CancellationToken cancellationToken = default) =>
        db.Set<ArchiveCopy>().FirstOrDefaultAsync(c => c.Id == copyId && c.OfficeId == officeId, cancellationToken);

    public async Task<IReadOnlyList<ArchiveCopy>> ListCurrentAsync(int max, CancellationToken cancellationToken = default) =>
        // Ordered here, not in SQL: SQLite cannot order by DateTimeOffset columns.
        (await db.Set<ArchiveCopy>().Where(c => c.SupersededById == null).ToListAsync(cancellationToken))
            .OrderBy(c => c.IntegrityCheckedAt).ThenBy(c => c.Key).Take(max).ToList();

    public async Task<IReadOnlyList<Guid>> FindLettersAwaitingArchiveAsync(int max, CancellationToken cancellationToken = default)
    {
        var archived = db.Set<ArchiveCopy>().Where(c => c.LetterId != null).Select(c => c.LetterId!.Value);
        var pending = await db.Set<Letter>().Where(l => l.Kind == LetterKinds.CoverLetter && l.Status == LetterStatus.Dispatched && !archived.Contains(l.Id))
            .Select(l => new { l.Id, l.DispatchedAt }).ToListAsync(cancellationToken);
        return pending.OrderBy(l => l.DispatchedAt).Select(l => l.Id).Take(max).ToList();
    }

    public void Add(ArchiveCopy copy) => db.Set<ArchiveCopy>().Add(copy);
}
