using System.Collections.Concurrent;

namespace DocSign.Core.Signing;

/// <summary>Where a batch stands, as its page polls it: documents finished (signed or refused) out of the total, and which failed.</summary>
/// <param name="Stage">"menyiapkan" (reading and checking), "menandatangani" (at the provider), "menyimpan" (verifying and storing), "selesai".</param>
public sealed record BatchProgressView(Guid BatchId, int Total, int SignedByProvider, int Finished, int Failed, string Stage, bool Done, string? Error,
    IReadOnlyList<(Guid DocumentId, string? Failure)> Documents);

/// <summary>
/// The progress of running batches, per process (a singleton), kept for 30 minutes after a batch ends: the page that started a
/// batch polls <c>GET /api/sign/batch/{id}</c> while its POST runs. Only the person who started a batch sees it. Behind a proxy
/// with several instances, the poll must reach the instance that signs (sticky sessions); otherwise the bar waits for the answer.
/// </summary>
public sealed class SignBatchProgress(TimeProvider clock)
{
    private static readonly TimeSpan KeepAfterDone = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<Guid, Tracker> _batches = new();

    /// <summary>Starts tracking a batch; a batch id already in use by someone else is not reused.</summary>
    public Tracker Start(Guid batchId, string userId, int total)
    {
        Sweep();
        if (_batches.TryGetValue(batchId, out var existing) && existing.UserId != userId) batchId = Guid.NewGuid();
        var tracker = new Tracker(batchId, userId, total, clock);
        _batches[batchId] = tracker;
        return tracker;
    }

    /// <summary>The batch's progress, or null when it is unknown here or someone else's.</summary>
    public BatchProgressView? Find(Guid batchId, string userId) =>
        _batches.TryGetValue(batchId, out var t) && t.UserId == userId ? t.View() : null;

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, t) in _batches)
            if (t.EndedAt is { } end && now - end > KeepAfterDone) _batches.TryRemove(id, out _);
    }

    /// <summary>One batch's counters, updated by <see cref="SignBatchHandler"/> as each document moves on.</summary>
    public sealed class Tracker(Guid batchId, string userId, int total, TimeProvider clock)
    {
        private readonly object _lock = new();
        private readonly List<(Guid, string?)> _documents = [];
        private int _signedByProvider;
        private string _stage = "menyiapkan";
        private string? _error;

        public Guid BatchId { get; } = batchId;
        public string UserId { get; } = userId;
        public DateTimeOffset? EndedAt { get; private set; }

        public void Signing() { lock (_lock) _stage = "menandatangani"; }

        /// <summary>The provider finished <paramref name="count"/> documents so far.</summary>
        public void Signed(int count) { lock (_lock) { _signedByProvider = count; _stage = "menyimpan"; } }

        public void Finished(Guid documentId, string? failure) { lock (_lock) _documents.Add((documentId, failure)); }

        public void Failed(string message) { lock (_lock) _error = message; }

        public void Done() { lock (_lock) { _stage = "selesai"; EndedAt = clock.GetUtcNow(); } }

        public BatchProgressView View()
        {
            lock (_lock)
                return new BatchProgressView(BatchId, total, _signedByProvider, _documents.Count, _documents.Count(d => d.Item2 is not null),
                    _stage, EndedAt is not null, _error, _documents.ToList());
        }
    }
}
