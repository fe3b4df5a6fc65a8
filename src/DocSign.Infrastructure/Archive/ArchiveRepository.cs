using DocSign.Core.Archive;
using DocSign.Core.Letters;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Archive;

internal sealed class ArchiveRepository(DocSignDbContext db) : IArchiveRepository
{
    public async Task<IReadOnlyList<ArchiveCopy>> ListForDocumentAsync(Guid documentId, CancellationToken cancellationToken = default) =>
        await db.Set<ArchiveCopy>().Where(c => c.DocumentId == documentId).OrderBy(c => c.ArchivedAt).ThenBy(c => c.Key).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ArchiveCopy>> ListForOfficeAsync(string officeId, int max, CancellationToken cancellationToken = default) =>
        await db.Set<ArchiveCopy>().AsNoTracking().Where(c => c.OfficeId == officeId).OrderByDescending(c => c.ArchivedAt).ThenBy(c => c.Key).Take(max).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ArchiveCopy>> ListCurrentAsync(int max, CancellationToken cancellationToken = default) =>
        await db.Set<ArchiveCopy>().Where(c => c.SupersededById == null).OrderBy(c => c.IntegrityCheckedAt).ThenBy(c => c.Key).Take(max).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Guid>> FindLettersAwaitingArchiveAsync(int max, CancellationToken cancellationToken = default)
    {
        var archived = db.Set<ArchiveCopy>().Where(c => c.LetterId != null).Select(c => c.LetterId!.Value);
        return await db.Set<Letter>().Where(l => l.Kind == LetterKinds.CoverLetter && l.Status == LetterStatus.Dispatched && !archived.Contains(l.Id))
            .OrderBy(l => l.DispatchedAt).Select(l => l.Id).Take(max).ToListAsync(cancellationToken);
    }

    public void Add(ArchiveCopy copy) => db.Set<ArchiveCopy>().Add(copy);

    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        try { await db.SaveChangesAsync(cancellationToken); }
        catch { db.ChangeTracker.Clear(); throw; }
    }
}
