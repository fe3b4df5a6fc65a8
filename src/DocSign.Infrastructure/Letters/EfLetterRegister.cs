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
/// counter row: on PostgreSQL the <c>UPDATE … RETURNING</c> that moves the counter on takes the row lock (a
/// nomor sisipan, which does not move it, locks it with <c>SELECT … FOR UPDATE</c>); on SQLite the transaction starts with
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
        Guard(() => InLockedCounterAsync(officeId, year, takeNext: true, async next =>
        {
            if (idempotencyKey is not null)
            {
                // Under the lock: two requests with one key cannot both get past this check.
                var existing = await db.Set<Letter>().FirstOrDefaultAsync(l => l.OfficeId == officeId && l.IdempotencyKey == idempotencyKey, cancellationToken);
                if (existing is not null) return ((existing, false), false);
            }
            var letter = create(next);
            if (letter.Sequence != next || letter.Insert != 0 || letter.OfficeId != officeId || letter.Year != year)
                throw new InvalidOperationException("The letter must carry the number the register gave.");
            db.Set<Letter>().Add(letter);
            return ((letter, true), true);
        }, cancellationToken));

    public Task<Letter?> ReserveInsertAsync(string officeId, int year, int afterSequence, Func<int, Letter> create, CancellationToken cancellationToken = default) =>
        Guard(() => InLockedCounterAsync(officeId, year, takeNext: false, async last =>
        {
            if (afterSequence > last) return ((Letter?)null, false);
            var inserts = await db.Set<Letter>().Where(l => l.OfficeId == officeId && l.Year == year && l.Sequence == afterSequence)
                .MaxAsync(l => (int?)l.Insert, cancellationToken) ?? 0;
            var letter = create(inserts + 1);
            if (letter.Sequence != afterSequence || letter.Insert != inserts + 1 || letter.OfficeId != officeId || letter.Year != year)
                throw new InvalidOperationException("The letter must carry the number the register gave.");
            db.Set<Letter>().Add(letter);
            return ((Letter?)letter, true);
        }, cancellationToken));

    /// <summary>
    /// Runs <paramref name="body"/> holding the office-year counter row. With <paramref name="takeNext"/> the
    /// statement that takes the lock also moves the counter on (<c>UPDATE … SET LastSequence = LastSequence + 1
    /// RETURNING</c>: one round trip, the shortest possible critical section) and the body gets the new number;
    /// otherwise the row is locked as it is and the body gets the last number given. The body returns its result
    /// and whether it used the number (an idempotent replay does not: the counter is then moved back under the
    /// same lock). Everything staged (with the audit events) is saved, then the transaction commits; any exception
    /// rolls everything back, so no number is ever skipped.
    /// </summary>
    private async Task<T> InLockedCounterAsync<T>(string officeId, int year, bool takeNext, Func<int, Task<(T Result, bool TookNumber)>> body, CancellationToken cancellationToken)
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
                    var value = await LockCounterAsync(transaction.GetDbTransaction(), officeId, year, takeNext, cancellationToken);
                    if (value is null)
                    {
                        // First number of the year: the row is made, then locked. A concurrent first insert of the
                        // year is a no-op for the loser, which then waits on the winner's row like everyone else.
                        await db.Database.ExecuteSqlInterpolatedAsync(
                            $"INSERT INTO \"LetterCounters\" (\"OfficeId\", \"Year\", \"LastSequence\") VALUES ({officeId}, {year}, 0) ON CONFLICT DO NOTHING", cancellationToken);
                        value = await LockCounterAsync(transaction.GetDbTransaction(), officeId, year, takeNext, cancellationToken)
                                ?? throw new InvalidOperationException("The letter counter row vanished under its lock.");
                    }
                    var (result, tookNumber) = await body(value.Value);
                    if (takeNext && !tookNumber)
                        // Still under the lock: the number taken for nothing goes back before anyone else can see it.
                        await db.Database.ExecuteSqlInterpolatedAsync(
                            $"UPDATE \"LetterCounters\" SET \"LastSequence\" = \"LastSequence\" - 1 WHERE \"OfficeId\" = {officeId} AND \"Year\" = {year}", cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    if (db.Database.IsNpgsql()) await AwaitDurableAsync(cancellationToken);
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

    /// <summary>
    /// Locks the counter row (moving it on by one with <paramref name="takeNext"/>) and returns its value after
    /// that, or null when the office has no row for the year yet. On SQLite the transaction already holds the
    /// write lock (BEGIN IMMEDIATE); <c>FOR UPDATE</c> is PostgreSQL's.
    /// </summary>
    private async Task<int?> LockCounterAsync(DbTransaction transaction, string officeId, int year, bool takeNext, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = takeNext
            ? "UPDATE \"LetterCounters\" SET \"LastSequence\" = \"LastSequence\" + 1 WHERE \"OfficeId\" = @office AND \"Year\" = @year RETURNING \"LastSequence\""
            : "SELECT \"LastSequence\" FROM \"LetterCounters\" WHERE \"OfficeId\" = @office AND \"Year\" = @year" + (db.Database.IsNpgsql() ? " FOR UPDATE" : "");
        if (db.Database.IsNpgsql())
            // The commit need not wait for its WAL flush while it holds the counter (and audit head) lock: the flush
            // (~2.5 ms on this machine's disk) would then bound the register at a few hundred numbers per second.
            // The caller gets the number only after AwaitDurableAsync has seen it on disk, so a crash in between
            // loses the whole transaction (no gap, nobody was told the number) and never a part of it.
            command.CommandText += "; SET LOCAL synchronous_commit TO off";
        var office = command.CreateParameter();
        office.ParameterName = "@office";
        office.Value = officeId;
        command.Parameters.Add(office);
        var y = command.CreateParameter();
        y.ParameterName = "@year";
        y.Value = year;
        command.Parameters.Add(y);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Returns once everything this connection committed is on disk: a transaction that writes one WAL record
    /// (a transactional logical-decoding message, which no table holds) commits synchronously, and its flush covers
    /// every earlier commit. Outside the lock, so concurrent callers share one flush (PostgreSQL's group commit).
    /// </summary>
    private async Task AwaitDurableAsync(CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT pg_logical_emit_message(true, 'docsign.letters', '')";
        await command.ExecuteScalarAsync(cancellationToken);
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
