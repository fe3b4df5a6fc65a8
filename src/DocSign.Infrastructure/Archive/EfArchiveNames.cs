using DocSign.Core.Archive;
using DocSign.Core.Letters;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Archive;

/// <summary>The titles of an office's archived documents and the numbers of their letters: two queries, joined on the archive copies.</summary>
internal sealed class EfArchiveNames(DocSignDbContext db) : IArchiveNames
{
    public Task<ArchiveNames> ForOfficeAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var copies = db.Set<ArchiveCopy>().AsNoTracking().Where(c => c.OfficeId == officeId);
            var documents = await db.Documents.AsNoTracking().Where(d => copies.Any(c => c.DocumentId == d.Id))
                .Select(d => new { d.Id, d.Title, d.Year }).ToListAsync(cancellationToken);
            var letters = await db.Set<Letter>().AsNoTracking().Where(l => copies.Any(c => c.LetterId == l.Id))
                .Select(l => new { l.Id, l.Number }).ToListAsync(cancellationToken);
            return new ArchiveNames(documents.ToDictionary(d => d.Id, d => new ArchivedDocumentName(d.Title, d.Year)),
                letters.ToDictionary(l => l.Id, l => l.Number));
        });
}
