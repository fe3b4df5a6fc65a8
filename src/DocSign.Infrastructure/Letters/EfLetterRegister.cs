using System.Data;
using System.Data.Common;
using DocSign.Core.Documents;
using DocSign.Core.Letters;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DocSign.Infrastructure.Letters;

/// <summary>
/// The register in the application database. A number is taken in one transaction that holds the office-year
/// counter row: <c>SELECT … FOR UPDATE</c> on PostgreSQL; on SQLite the transaction starts with
/// <c>BEGIN IMMEDIATE</c>, which takes the database's write lock at once, so a second allocation waits at its
/// BEGIN instead of reading a stale counter. No sequence and no retry-on-conflict: either the counter moves and the
/// letter row exists, or neither (a unique index on office, year, number and sisipan stands behind it).
/// </summary>
public sealed class EfLetterRegister(DocSignDbContext db) : ILetterRegister
{
    // SQLite has one writer at a time anyway; queueing this process's allocations here, before BEGIN IMMEDIATE,
    // spares them SQLite's busy-retry sleeps (other processes on the same file still wait at BEGIN IMMEDIATE).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> SqliteGates = new(StringComparer.Ordinal);

    public Task<(Letter Letter, bool Created)> ReserveAsync(string officeId, int year, string? idempotencyKey, Func<int, Letter> create, CancellationToken cancellationToken = default) =>
        Guard(() => InLockedCounterAsync(officeId, year, async last =>
        {
            if (idempotencyKey is not null)
            {
                var existing = await db.Set<Letter>().FirstOrDefaultAsync(l => l.OfficeId == officeId && l.IdempotencyKey == idempotencyKey, cancellationToken);
                if (existing is not null) return ((existing, false), (int?)null);
            }
            var next = last + 1;
            var letter = create(next);
            if (letter.Sequence != next || letter.Insert != 0 || letter.OfficeId != officeId || letter.Year != year)
                throw new InvalidOperationException("The letter must carry the number the register gave.");
            db.Set<Letter>().Add(letter);
            return ((letter, true), next);
        }, cancellationToken));

    public Task<Letter?> ReserveInsertAsync(string officeId, int year, int afterSequence, Func<int, Letter> create, CancellationToken cancellationToken = default) =>
        Guard(() => InLockedCounterAsync(officeId, year, async last =>
        {
            if (afterSequence > last) return ((Letter?)null, (int?)null);
            var inserts = await db.Set<Letter>().Where(l => l.OfficeId == officeId && l.Year == year && l.Sequence == afterSequence)
                .MaxAsync(l => (int?)l.Insert, cancellationToken) ?? 0;
            var letter = create(inserts + 1);
            if (letter.Sequence != afterSequence || letter.Insert != inserts + 1 || letter.OfficeId != officeId || letter.Year != year)
                throw new InvalidOperationException("The letter must carry the number the register gave.");
            db.Set<Letter>().Add(letter);
            return ((Letter?)letter, (int?)null);
        }, cancellationToken));

    /// <summary>
    /// Runs <paramref name="body"/> holding the office-year counter. The body gets the last number given and returns
    /// its result and the new last number (null: unchanged); everything it staged is saved, then the transaction
    /// commits. Any exception rolls everything back.
    /// </summary>
    private async Task<T> InLockedCounterAsync<T>(string officeId, int year, Func<int, Task<(T Result, int? NewLast)>> body, CancellationToken cancellationToken)
    {
        SemaphoreSlim? gate = null;
        if (db.Database.IsSqlite())
        {
            gate = SqliteGates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken);
        }
        try
        {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            IDbContextTransaction transaction;
            if (db.Database.IsSqlite())
            {
                // deferred: false → BEGIN IMMEDIATE (write lock now, waiting up to the busy timeout for it).
                var sqlite = (SqliteConnection)db.Database.GetDbConnection();
                transaction = await db.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: false), cancellationToken)
                              ?? throw new InvalidOperationException("No transaction.");
            }
            else
            {
                transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            }
            await using (transaction)
            {
                try
                {
                    // The row exists before it is locked; a concurrent first insert of the year is a no-op for the loser.
                    await db.Database.ExecuteSqlInterpolatedAsync(
                        $"INSERT INTO \"LetterCounters\" (\"OfficeId\", \"Year\", \"LastSequence\") VALUES ({officeId}, {year}, 0) ON CONFLICT DO NOTHING", cancellationToken);
                    var last = db.Database.IsNpgsql()
                        ? await db.Database.SqlQuery<int>($"SELECT \"LastSequence\" AS \"Value\" FROM \"LetterCounters\" WHERE \"OfficeId\" = {officeId} AND \"Year\" = {year} FOR UPDATE").SingleAsync(cancellationToken)
                        : await db.Database.SqlQuery<int>($"SELECT \"LastSequence\" AS \"Value\" FROM \"LetterCounters\" WHERE \"OfficeId\" = {officeId} AND \"Year\" = {year}").SingleAsync(cancellationToken);
                    var (result, newLast) = await body(last);
                    if (newLast is { } n)
                        await db.Database.ExecuteSqlInterpolatedAsync(
                            $"UPDATE \"LetterCounters\" SET \"LastSequence\" = {n} WHERE \"OfficeId\" = {officeId} AND \"Year\" = {year}", cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return result;
                }
                catch
                {
                    db.ChangeTracker.Clear();
                    try { await transaction.RollbackAsync(CancellationToken.None); } catch (DbException) { } catch (InvalidOperationException) { }
                    throw;
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        }
        finally
        {
            gate?.Release();
        }
    }

    public Task<Letter?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        Guard(() => db.Set<Letter>().FirstOrDefaultAsync(l => l.Id == id, cancellationToken));

    public Task<IReadOnlyList<Letter>> ListAsync(string officeId, int? year, LetterStatus? status, int max, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var query = db.Set<Letter>().AsNoTracking().Where(l => l.OfficeId == officeId);
            if (year is not null) query = query.Where(l => l.Year == year);
            if (status is not null) query = query.Where(l => l.Status == status);
            var list = await query.OrderByDescending(l => l.Year).ThenByDescending(l => l.Sequence).ThenByDescending(l => l.Insert)
                .Take(max).ToListAsync(cancellationToken);
            return (IReadOnlyList<Letter>)list;
        });

    public Task<IReadOnlyList<Letter>> ListForDocumentAsync(Guid documentId, CancellationToken cancellationToken = default) =>
        Guard(async () => (IReadOnlyList<Letter>)await db.Set<Letter>().AsNoTracking().Where(l => l.DocumentId == documentId)
            .OrderBy(l => l.Year).ThenBy(l => l.Sequence).ThenBy(l => l.Insert).ToListAsync(cancellationToken));

    public Task SaveAsync(CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            try { await db.SaveChangesAsync(cancellationToken); }
            catch { db.ChangeTracker.Clear(); throw; }
            return true;
        });

    public Task<LetterTemplate?> FindTemplateAsync(string officeId, CancellationToken cancellationToken = default) =>
        Guard(() => db.Set<LetterTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.OfficeId == officeId, cancellationToken));

    public Task<IReadOnlyList<Guid>> FindDocumentsAwaitingCoverLetterAsync(int max, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var done = db.Set<Letter>().Where(l => l.Kind == LetterKinds.CoverLetter && l.Status != LetterStatus.Reserved && l.DocumentId != null)
                .Select(l => l.DocumentId!.Value);
            var rows = await db.Set<DocumentVersion>().Where(v => v.Stage == VersionStage.Signed && !done.Contains(v.DocumentId))
                .Select(v => new { v.DocumentId, v.UploadedAt }).ToListAsync(cancellationToken);
            // Oldest first, ordered here: SQLite cannot order by DateTimeOffset columns.
            return (IReadOnlyList<Guid>)rows.OrderBy(r => r.UploadedAt).Select(r => r.DocumentId).Distinct().Take(max).ToList();
        });

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (Exception e) when (IsUnavailable(e)) { throw new DatabaseUnavailableException(e); }
    }

    private static bool IsUnavailable(Exception e) => DocumentRepository.IsUnavailable(e);
}
