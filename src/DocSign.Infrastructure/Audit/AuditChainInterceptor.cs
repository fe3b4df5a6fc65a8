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
/// PostgreSQL, the database write lock on SQLite) and returns the head in the same statement, then numbers and
/// hashes the new entries from it and moves the head on in the batch that inserts them. A second append, in this process or another instance, waits on the head row until the
/// first commits or rolls back, so the chain has neither forks nor gaps. Each link is keyed with the chain key
/// (<see cref="AuditChainKey"/>, kept outside the database), so a rewritten history cannot be re-linked by whoever
/// can only write the database.
/// </summary>
public sealed class AuditChainInterceptor(AuditChainKey? key) : SaveChangesInterceptor
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
        ForgetHead(eventData.Context);
        if (TakeOwned(eventData.Context) is { } tx)
        {
            await tx.CommitAsync(cancellationToken);
            await tx.DisposeAsync();
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        AbandonAsync(eventData.Context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        AbandonAsync(eventData.Context).GetAwaiter().GetResult();

    // A cancelled save is reported apart from a failed one; it must end the transaction opened for it all the same.
    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        AbandonAsync(eventData.Context);

    public override void SaveChangesCanceled(DbContextEventData eventData) =>
        AbandonAsync(eventData.Context).GetAwaiter().GetResult();

    private static async Task AbandonAsync(DbContext? context)
    {
        ForgetHead(context);
        if (TakeOwned(context) is { } tx)
        {
            try { await tx.RollbackAsync(CancellationToken.None); } catch (Exception) { /* the connection may be gone; the database rolls back itself */ }
            await tx.DisposeAsync();
        }
        // The entries keep their numbers from this attempt; give them provisional keys again so a retry re-chains them.
        if (context is DocSignDbContext ctx)
            foreach (var entry in ctx.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).OrderBy(e => e.Entity.Sequence))
                Renumber(ctx, entry.Entity, NextProvisionalSequence(ctx));
    }

    private async Task ChainAsync(DocSignDbContext db, CancellationToken cancellationToken)
    {
        var staged = db.ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.Sequence < 0)
            .OrderByDescending(e => e.Entity.Sequence) // -1 first: the order they were recorded in
            .Select(e => e.Entity).ToList();
        if (staged.Count == 0) return;
        if (key is null)
            throw new InvalidOperationException("The audit chain key is not loaded: build the DocSignDbContext with AddDocSignInfrastructure (DocSign:Audit:ChainKey).");

        var state = States.GetOrCreateValue(db);
        // One this interceptor opened for an earlier attempt of this lease is still the current one: it stays ours.
        state.Owned = TakeOwned(db);
        if (db.Database.CurrentTransaction is null)
            state.Owned = await db.Database.BeginTransactionAsync(cancellationToken);

        // Writing the head row first is what serializes appends: the lock is held until the transaction ends. The
        // same statement returns the head, so taking the lock and reading the chain's end is one round trip.
        var (sequence, previous, keyedFrom, sealedSwitch) = await LockHeadAsync(db, cancellationToken);
        // A database migrated without the start-up step (AuditChainSetup) gets its switch point sealed by its first
        // keyed append, under the same lock; never again once anything was anchored.
        var sealSwitch = !sealedSwitch && sequence < keyedFrom && !await db.Set<AuditAnchor>().AnyAsync(cancellationToken);
        foreach (var entry in staged)
        {
            Renumber(db, entry, ++sequence);
            entry.PreviousHash = previous;
            entry.Hash = EfAuditTrail.KeyedHashOf(entry, key);
            previous = entry.Hash;
        }
        // The head moves on in the same batch of statements as the entries' inserts (no round trip of its own).
        var tracked = db.ChangeTracker.Entries<AuditChainHead>().FirstOrDefault(e => e.Entity.Id == AuditChainHead.SingletonId);
        var head = tracked?.Entity ?? db.Set<AuditChainHead>().Attach(new AuditChainHead { Id = AuditChainHead.SingletonId, Sequence = sequence, Hash = previous }).Entity;
        var headEntry = db.Entry(head);
        headEntry.Property(h => h.Sequence).CurrentValue = sequence;
        headEntry.Property(h => h.Hash).CurrentValue = previous;
        headEntry.Property(h => h.Sequence).IsModified = true;
        headEntry.Property(h => h.Hash).IsModified = true;
        if (sealSwitch)
        {
            headEntry.Property(h => h.KeyedFromMac).CurrentValue = key.Mac(AuditChainKey.SwitchStatement(keyedFrom));
            headEntry.Property(h => h.KeyedFromMac).IsModified = true;
        }
    }

    private static async Task<(long Sequence, string Hash, long KeyedFrom, bool SwitchSealed)> LockHeadAsync(DocSignDbContext db, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """UPDATE "AuditChainHead" SET "Sequence" = "Sequence" WHERE "Id" = 1 RETURNING "Sequence", "Hash", "KeyedFrom", "KeyedFromMac" """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("The audit chain head row is missing; the database was not migrated or was tampered with.");
        var result = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), !reader.IsDBNull(3));
        if (await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("The audit chain has more than one head row.");
        return result;
    }

    /// <summary>
    /// The transaction this interceptor opened for the context's current save, taken out of its state. Contexts are
    /// pooled: a save that ended without SavedChanges or SaveChangesFailed being called (EF reports a concurrency
    /// conflict through neither) leaves its transaction behind, which the pool disposes with that lease; it is no
    /// longer the context's current transaction, and must be forgotten rather than committed in a later lease.
    /// </summary>
    private static IDbContextTransaction? TakeOwned(DbContext? context)
    {
        if (context is null || !States.TryGetValue(context, out var state) || state.Owned is not { } owned) return null;
        state.Owned = null;
        return ReferenceEquals(owned, context.Database.CurrentTransaction) ? owned : null;
    }

    // The head row is tracked only for the one save that moves it under its lock: a later save without audit
    // entries must never write a head value read in an earlier transaction.
    private static void ForgetHead(DbContext? db)
    {
        if (db is null) return;
        foreach (var e in db.ChangeTracker.Entries<AuditChainHead>().ToList()) e.State = EntityState.Detached;
    }

    // The key of an Added entity may change: EF moves it in its identity map.
    private static void Renumber(DbContext db, AuditEntry entry, long sequence) => db.Entry(entry).Property(e => e.Sequence).CurrentValue = sequence;
}
