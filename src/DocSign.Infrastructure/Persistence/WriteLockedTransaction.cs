using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DocSign.Infrastructure.Persistence;

/// <summary>
/// A transaction for a read-check-write on one row that parallel requests must not interleave (letter counters,
/// passphrase attempts). On PostgreSQL it is READ COMMITTED and the body locks its row with <c>SELECT … FOR UPDATE</c>;
/// on SQLite it starts with <c>BEGIN IMMEDIATE</c>, which takes the database's write lock at once, so a second one
/// waits at its BEGIN instead of reading a stale value. Whatever the body staged is saved and committed together; any
/// exception rolls all of it back.
/// </summary>
internal static class WriteLockedTransaction
{
    // SQLite has one writer at a time anyway; queueing this process's transactions here, before BEGIN IMMEDIATE,
    // spares them SQLite's busy-retry sleeps (other processes on the same file still wait at BEGIN IMMEDIATE).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteGates = new(StringComparer.Ordinal);

    /// <summary>" FOR UPDATE" on PostgreSQL, nothing on SQLite (where the transaction already holds the write lock).</summary>
    public static string ForUpdate(DocSignDbContext db) => db.Database.IsNpgsql() ? " FOR UPDATE" : "";

    public static async Task<T> RunAsync<T>(DocSignDbContext db, Func<DbTransaction, Task<T>> body, CancellationToken cancellationToken)
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
                        var result = await body(transaction.GetDbTransaction());
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
}
