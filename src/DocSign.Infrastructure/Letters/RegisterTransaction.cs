using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using DocSign.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DocSign.Infrastructure.Letters;

/// <summary>
/// The one transaction shape that gives numbers: it holds the office-year counter row from its first statement to
/// its commit. On PostgreSQL the row is locked with <c>SELECT … FOR UPDATE</c>; on SQLite the transaction starts with
/// <c>BEGIN IMMEDIATE</c>, which takes the database's write lock at once, so a second allocation waits at its BEGIN
/// instead of reading a stale counter. Whatever the body staged (letters, the counter's new value, audit entries)
/// is saved and committed together; any exception rolls all of it back, so no number is ever skipped.
/// </summary>
internal static class RegisterTransaction
{
    // SQLite has one writer at a time anyway; queueing this process's register transactions here, before BEGIN
    // IMMEDIATE, spares them SQLite's busy-retry sleeps (other processes on the same file still wait at BEGIN IMMEDIATE).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteGates = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="body"/> holding the counter row of <paramref name="officeId"/> in <paramref name="year"/>
    /// (made first if the year has none yet); the body gets the last number given and stages its changes in
    /// <paramref name="db"/>, which are then saved and committed.
    /// </summary>
    public static async Task<T> RunAsync<T>(DocSignDbContext db, string officeId, int year, Func<int, Task<T>> body, CancellationToken cancellationToken)
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
                        var last = await LockCounterAsync(db, transaction.GetDbTransaction(), officeId, year, cancellationToken);
                        if (last is null)
                        {
                            // First number of the year: the row is made, then locked. A concurrent first insert of the
                            // year is a no-op for the loser, which then waits on the winner's row like everyone else.
                            await db.Database.ExecuteSqlInterpolatedAsync(
                                $"INSERT INTO \"LetterCounters\" (\"OfficeId\", \"Year\", \"LastSequence\") VALUES ({officeId}, {year}, 0) ON CONFLICT DO NOTHING", cancellationToken);
                            last = await LockCounterAsync(db, transaction.GetDbTransaction(), officeId, year, cancellationToken)
                                   ?? throw new InvalidOperationException("The letter counter row vanished under its lock.");
                        }
                        var result = await body(last.Value);
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

    /// <summary>Locks the counter row and returns its value, or null when the office has no row for the year yet.</summary>
    private static async Task<int?> LockCounterAsync(DocSignDbContext db, DbTransaction transaction, string officeId, int year, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        // On SQLite the transaction already holds the write lock (BEGIN IMMEDIATE); FOR UPDATE is PostgreSQL's.
        command.CommandText = "SELECT \"LastSequence\" FROM \"LetterCounters\" WHERE \"OfficeId\" = @office AND \"Year\" = @year"
                              + (db.Database.IsNpgsql() ? " FOR UPDATE" : "");
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
}
