using DocSign.Core.Audit;
using System.Collections.Concurrent;
using DocSign.Core.Letters;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Letters;

/// <summary>
/// Group allocation of running numbers. Requests for one office-year that arrive while a transaction of that
/// office-year is running wait in a lane; the lane's next transaction takes the counter row's lock once and numbers
/// all of them: it reads the counter, answers idempotent replays, builds each letter with the next number, moves the
/// counter to the last number used, inserts the letters and their audit entries in one batch and commits. The lock
/// is handed from transaction to transaction, not from request to request, which is what lets a register take
/// hundreds of numbers a second; a lone request still commits at once (nothing waits to gather a batch).
/// <para>
/// Gap-freedom does not depend on the lane: the row lock and the unique index still decide, so two instances (each
/// with its own lanes) on one database share the counter correctly. Every request of a batch either gets its letter
/// (committed) or its exception (nothing committed for it); a request whose builder throws fails alone and its
/// number goes to the next request in the batch.
/// </para>
/// </summary>
public sealed class LetterNumberLanes(IServiceScopeFactory scopes, ILogger<LetterNumberLanes> logger)
{
    /// <summary>At most this many requests in one transaction, so one transaction stays short.</summary>
    public const int MaxBatch = 64;

    private sealed class Lane(string connection, string officeId, int year)
    {
        public readonly string Connection = connection;
        public readonly string OfficeId = officeId;
        public readonly int Year = year;
        public readonly Queue<Pending> Queue = new();
        public bool Draining;
    }

    internal sealed class Pending(string? idempotencyKey, Func<int, NumberedLetter> create, AuditRequestSnapshot who, ReservationQuota? quota = null)
    {
        public readonly ReservationQuota? Quota = quota;
        public readonly string? IdempotencyKey = idempotencyKey;
        public readonly Func<int, NumberedLetter> Create = create;
        public readonly AuditRequestSnapshot Who = who;
        public readonly TaskCompletionSource<(Letter Letter, bool Created)> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        /// <summary>Set under the lane's lock when a batch takes the request; from then on it is no longer cancellable.</summary>
        public bool Taken;
    }

    private readonly ConcurrentDictionary<(string, string, int), Lane> lanes = new();

    /// <summary>How many requests of <paramref name="officeId"/> in <paramref name="year"/> wait for a transaction now (diagnostics and tests).</summary>
    public int Waiting(string officeId, int year)
    {
        var waiting = 0;
        foreach (var lane in lanes.Values)
        {
            if (lane.OfficeId != officeId || lane.Year != year) continue;
            lock (lane) waiting += lane.Queue.Count(p => !p.Done.Task.IsCompleted);
        }
        return waiting;
    }

    /// <summary>
    /// Queues a request for the next number of <paramref name="officeId"/> in <paramref name="year"/> on the database
    /// <paramref name="connection"/> names, and completes when its transaction has committed (or failed). Cancelling
    /// before a transaction took the request removes it; after that the request runs to its end.
    /// </summary>
    internal async Task<(Letter Letter, bool Created)> ReserveAsync(string connection, string officeId, int year, Pending pending, CancellationToken cancellationToken)
    {
        var lane = lanes.GetOrAdd((connection, officeId, year), k => new Lane(k.Item1, k.Item2, k.Item3));
        bool drain;
        lock (lane)
        {
            lane.Queue.Enqueue(pending);
            drain = !lane.Draining;
            lane.Draining = true;
        }
        // The drain runs on its own, not in the caller's request: its requests are everyone's in the lane.
        if (drain) _ = Task.Run(() => DrainAsync(lane), CancellationToken.None);
        await using (cancellationToken.Register(() =>
                     {
                         lock (lane) if (!pending.Taken) pending.Done.TrySetCanceled(cancellationToken);
                     }))
            return await pending.Done.Task;
    }

    private async Task DrainAsync(Lane lane)
    {
        while (true)
        {
            var batch = new List<Pending>();
            lock (lane)
            {
                while (batch.Count < MaxBatch && lane.Queue.TryDequeue(out var p))
                {
                    if (p.Done.Task.IsCompleted) continue;   // cancelled while it waited
                    p.Taken = true;
                    batch.Add(p);
                }
                if (batch.Count == 0)
                {
                    lane.Draining = false;
                    return;
                }
            }
            try
            {
                await NumberAsync(lane, batch);
            }
            catch (Exception e)
            {
                // Nothing of the batch was committed: each request hears why, and no number was used.
                logger.LogWarning(e, "Numbering {Count} letters of {Office} {Year} failed; nothing was committed", batch.Count, lane.OfficeId, lane.Year);
                foreach (var p in batch) p.Done.TrySetException(e);
            }
        }
    }

    private async Task NumberAsync(Lane lane, List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        // Everything this unit of work saves is added or marked modified explicitly, so EF need not scan the
        // tracked entities for changes (twice per save: once for the audit chain, once for the save itself).
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var results = new (Letter Letter, bool Created)?[batch.Count];
        var failures = new Exception?[batch.Count];
        try
        {
            await RegisterTransaction.RunAsync(db, lane.OfficeId, lane.Year, async last =>
            {
                var keys = batch.Where(p => p.IdempotencyKey is not null).Select(p => p.IdempotencyKey!).Distinct().ToList();
                var byKey = keys.Count == 0
                    ? new Dictionary<string, Letter>(StringComparer.Ordinal)
                    // Under the lock: two requests with one key cannot both get past this check.
                    : (await db.Set<Letter>().AsNoTracking().Where(l => l.OfficeId == lane.OfficeId && keys.Contains(l.IdempotencyKey!)).ToListAsync())
                        .ToDictionary(l => l.IdempotencyKey!, StringComparer.Ordinal);
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
                // Daily caps, counted under the lock (one query per person and day in the batch, none without caps).
                var reservedToday = new Dictionary<(string, DateOnly), int>();
                foreach (var (by, day) in batch.Where(p => p.Quota is not null).Select(p => (p.Quota!.ReservedBy, p.Quota.Day)).Distinct())
                    reservedToday[(by, day)] = await db.Set<Letter>().CountAsync(l => l.OfficeId == lane.OfficeId && l.Year == lane.Year
                        && l.ReservedBy == by && l.LetterDate == day && l.Insert == 0 && l.Kind == LetterKinds.External);
                var next = last;
                for (var i = 0; i < batch.Count; i++)
                {
                    var p = batch[i];
                    if (p.IdempotencyKey is not null && byKey.TryGetValue(p.IdempotencyKey, out var existing))
                    {
                        results[i] = (existing, false);
                        continue;
                    }
                    if (p.Quota is { } quota && reservedToday[(quota.ReservedBy, quota.Day)] >= quota.Max)
                    {
                        failures[i] = quota.Refusal();   // refused before its number: the next request gets it
                        continue;
                    }
                    NumberedLetter made;
                    try
                    {
                        made = p.Create(next + 1);
                        var letter = made.Letter;
                        if (letter.Sequence != next + 1 || letter.Insert != 0 || letter.OfficeId != lane.OfficeId || letter.Year != lane.Year || letter.IdempotencyKey != p.IdempotencyKey)
                            throw new InvalidOperationException("The letter must carry the number the register gave.");
                    }
                    catch (Exception e)
                    {
                        failures[i] = e;   // this request alone; its number goes to the next one
                        continue;
                    }
                    next++;
                    if (p.Quota is { } counted) reservedToday[(counted.ReservedBy, counted.Day)]++;
                    db.Set<Letter>().Add(made.Letter);
                    EfAuditTrail.Stage(db, EfAuditTrail.NewEntry(made.Numbered, p.Who, now));
                    if (p.IdempotencyKey is not null) byKey[p.IdempotencyKey] = made.Letter;
                    results[i] = (made.Letter, true);
                }
                if (next != last)
                {
                    // The counter moves in the same batch of statements as the inserts, still under the lock.
                    var counter = db.Set<LetterCounter>().Attach(new LetterCounter(lane.OfficeId, lane.Year));
                    counter.Property(c => c.LastSequence).CurrentValue = next;
                    counter.Property(c => c.LastSequence).IsModified = true;
                }
                return true;
            }, CancellationToken.None);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;   // the context goes back to the pool as it came
        }

        logger.LogDebug("One transaction answered {Requests} number requests of {Office} {Year}: {Numbered} numbered, {Replayed} replayed, {Failed} failed",
            batch.Count, lane.OfficeId, lane.Year, results.Count(r => r is { Created: true }), results.Count(r => r is { Created: false }), failures.Count(f => f is not null));
        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure) batch[i].Done.TrySetException(failure);
            else batch[i].Done.TrySetResult(results[i]!.Value);
        }
    }
}
