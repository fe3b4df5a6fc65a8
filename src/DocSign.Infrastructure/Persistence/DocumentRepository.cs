using System.Data.Common;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

public sealed class DocumentRepository(DocSignDbContext db) : IDocumentRepository
{
    public Task<Document?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Documents.Include(d => d.Versions).AsSplitQuery().FirstOrDefaultAsync(d => d.Id == id, cancellationToken));

    public Task<IReadOnlyList<Document>> ListAsync(IReadOnlyCollection<string>? offices, int? year, int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var query = db.Documents.AsNoTracking().Include(d => d.Versions).AsSplitQuery().AsQueryable();
            if (offices is not null) query = query.Where(d => offices.Contains(d.OfficeId));
            if (year is not null) query = query.Where(d => d.Year == year);
            var list = await query.OrderByDescending(d => d.Year).ThenBy(d => d.OfficeId).ThenBy(d => d.Title).ThenBy(d => d.Id)
                .Take(max).ToListAsync(cancellationToken);
            return (IReadOnlyList<Document>)list;
        });

    public Task<bool> OfficeExistsAsync(DocSign.Core.Offices.OfficeId officeId, CancellationToken cancellationToken = default)
    {
        var id = officeId.Value;
        return DatabaseFaults.GuardAsync(() => db.Offices.AnyAsync(o => o.Id == id, cancellationToken));
    }

    public Task AddAsync(Document document, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            db.Documents.Add(document);
            await SaveAsync(cancellationToken);
            return true;
        });

    public Task AddVersionAsync(DocumentVersion version, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            db.DocumentVersions.Add(version);
            await SaveAsync(cancellationToken);
            return true;
        });

    public Task<IReadOnlySet<string>> FindReferencedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var found = await db.DocumentVersions.Where(v => keys.Contains(v.ObjectKey)).Select(v => v.ObjectKey).ToListAsync(cancellationToken);
            return (IReadOnlySet<string>)found.ToHashSet(StringComparer.Ordinal);
        });

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseFaults.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            throw new VersionNumberTakenException(e);
        }
        catch
        {
            // Leave nothing tracked that a retry on the same scope could save by accident.
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
