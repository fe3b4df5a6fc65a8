using System.Runtime.CompilerServices;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace DocSign.Infrastructure.Audit;

/// <summary>
/// Places staged audit entries in the chain when their unit of work is saved. Inside the caller's transaction (or
/// one it opens for the save) it first writes the chain-head row, which takes that row's write lock (a row lock on
/// PostgreSQL, the database write lock on SQLite), then reads the head, numbers and hashes the new entries from it
/// and moves the head on. A second append, in this process or another instance, waits on the head row until the
/// first commits or rolls back, so the chain has neither forks nor gaps.
/// </summary>
public sealed class AuditChainInterceptor : SaveChangesInterceptor
{
    private sealed class State
    {
        public long Provisional;
        public IDbContextTransaction? Owned;
    }

    private static readonly ConditionalWeakTable<DbContext, State> States = new();

    /// <summary>A unique negative key for a staged entry of <paramref name="db"/>; more negative is later.</summary>
    internal static long NextProvisionalSequence(DbContext db)
    {
        var state = States.GetOrCreateValue(db);
        return -Interlocked.Increment(ref state.Provisional);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is DocSignDbContext db) await ChainAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is DocSignDbContext db) ChainAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && States.TryGetValue(db, out var state) && state.Owned is { } tx)
        {
            state.Owned = null;
            await tx.CommitAsync(cancellationToken);
            await tx.DisposeAsync();
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && States.TryGetValue(db, out var state) && state.Owned is { } tx)
        {
            state.Owned = null;
            try { await tx.RollbackAsync(CancellationToken.None); } catch (Exception) { /* the connection may be gone; the database rolls back itself */ }
            await tx.DisposeAsync();
        }
        // The entries keep their numbers from this attempt; give them provisional keys again so a retry re-chains them.
        if (eventData.Context is DocSignDbContext ctx)
            foreach (var entry in ctx.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).OrderBy(e => e.Entity.Sequence))
                Renumber(ctx, entry.Entity, NextProvisionalSequence(ctx));
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    private static async Task ChainAsync(DocSignDbContext db, CancellationToken cancellationToken)
    {
        var staged = db.ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.Sequence < 0)
            .OrderByDescending(e => e.Entity.Sequence) // -1 first: the order they were recorded in
            .Select(e => e.Entity).ToList();
        if (staged.Count == 0) return;

        var state = States.GetOrCreateValue(db);
        if (db.Database.CurrentTransaction is null)
            state.Owned = await db.Database.BeginTransactionAsync(cancellationToken);

        // Writing the head row first is what serializes appends: the lock is held until the transaction ends.
        var locked = await db.Database.ExecuteSqlRawAsync(
            """UPDATE "AuditChainHead" SET "Sequence" = "Sequence" WHERE "Id" = 1""", cancellationToken);
        if (locked != 1)
            throw new InvalidOperationException("The audit chain head row is missing; the database was not migrated or was tampered with.");
        var head = await db.Set<AuditChainHead>().AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);

        var sequence = head.Sequence;
        var previous = head.Hash;
        foreach (var entry in staged)
        {
            Renumber(db, entry, ++sequence);
            entry.PreviousHash = previous;
            entry.Hash = EfAuditTrail.HashOf(entry);
            previous = entry.Hash;
        }
        await db.Database.ExecuteSqlRawAsync(
            """UPDATE "AuditChainHead" SET "Sequence" = {0}, "Hash" = {1} WHERE "Id" = 1""", [sequence, previous], cancellationToken);
    }

    // The key of an Added entity may change: EF moves it in its identity map.
    private static void Renumber(DbContext db, AuditEntry entry, long sequence) => db.Entry(entry).Property(e => e.Sequence).CurrentValue = sequence;
}
