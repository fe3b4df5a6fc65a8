using System.Data.Common;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

public sealed class DocumentRepository(DocSignDbContext db) : IDocumentRepository
{
    public Task<Document?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        Guard(() => db.Documents.Include(d => d.Versions).AsSplitQuery().FirstOrDefaultAsync(d => d.Id == id, cancellationToken));

    public Task<IReadOnlyList<Document>> ListAsync(IReadOnlyCollection<string>? offices, int? year, int max, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var query = db.Documents.AsNoTracking().Include(d => d.Versions).AsSplitQuery().AsQueryable();
            if (offices is not null) query = query.Where(d => offices.Contains(d.OfficeId));
            if (year is not null) query = query.Where(d => d.Year == year);
            var list = await query.OrderByDescending(d => d.Year).ThenBy(d => d.OfficeId).ThenBy(d => d.Title).ThenBy(d => d.Id)
                .Take(max).ToListAsync(cancellationToken);
            return (IReadOnlyList<Document>)list;
        });

    public Task<bool> OfficeExistsAsync(string officeId, CancellationToken cancellationToken = default) =>
        Guard(() => db.Offices.AnyAsync(o => o.Id == officeId, cancellationToken));

    public Task AddAsync(Document document, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            db.Documents.Add(document);
            await SaveAsync(cancellationToken);
            return true;
        });

    public Task AddVersionAsync(DocumentVersion version, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            db.DocumentVersions.Add(version);
            await SaveAsync(cancellationToken);
            return true;
        });

    public Task<IReadOnlySet<string>> FindReferencedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        Guard(async () =>
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
        catch (DbUpdateException e) when (IsUniqueViolation(e))
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

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>Connection-level failures become <see cref="DatabaseUnavailableException"/> (503), everything else stays a bug (500).</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new DatabaseUnavailableException(e);
        }
    }

    internal static bool IsUnavailable(Exception e) => e switch
    {
        VersionNumberTakenException => false,
        Npgsql.NpgsqlException { IsTransient: true } => true,
        Npgsql.PostgresException => false,
        Npgsql.NpgsqlException => true,
        TimeoutException => true,
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode is 5 or 6 or 10 or 13 or 14, // busy, locked, I/O, full, cannot open
        DbUpdateException { InnerException: { } inner } => IsUnavailable(inner),
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };
}
