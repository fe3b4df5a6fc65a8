using System.Collections.Concurrent;

namespace DocSign.Web.Auth;

/// <summary>Bound from <c>DocSign:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "DocSign:Auth";

    /// <summary>Lifetime of a bearer token.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Wrong sign-ins one client address may make per <see cref="FailureWindow"/> before it is refused (429).
    /// Kept below the account lock-out (10), so one address cannot lock anybody out.
    /// </summary>
    public int FailuresPerAddress { get; set; } = 5;

    /// <summary>Sign-in attempts per user name (from any address) per <see cref="FailureWindow"/>.</summary>
    public int AttemptsPerUserName { get; set; } = 30;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Token requests one client address may make per minute (rate limit on <c>/api/auth/token</c>).</summary>
    public int TokenRequestsPerMinute { get; set; } = 30;

    /// <summary><c>POST /api/verify</c> per user: requests per minute, and at once.</summary>
    public int VerifyPerMinute { get; set; } = 20;
    public int VerifyConcurrent { get; set; } = 2;
}

/// <summary>
/// Counts sign-in failures per client address and attempts per user name in a sliding window (in this instance's
/// memory: a restart or another instance starts afresh, which only makes it milder, never stricter). An address
/// that keeps guessing is refused before the account it guesses at reaches its lock-out.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _events = new();

    /// <summary>When the key may try again, or null when it may now.</summary>
    public TimeSpan? RetryAfter(string key, int limit, TimeSpan window)
    {
        if (!_events.TryGetValue(key, out var queue)) return null;
        lock (queue)
        {
            var now = clock.GetUtcNow();
            while (queue.Count > 0 && queue.Peek() <= now - window) queue.Dequeue();
            return queue.Count >= limit ? queue.Peek() + window - now : null;
        }
    }

    public void Count(string key)
    {
        var queue = _events.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue) queue.Enqueue(clock.GetUtcNow());
        if (_events.Count > 100_000) Prune();
    }

    public void Forget(string key) => _events.TryRemove(key, out _);

    public static string AddressKey(string? address) => "ip:" + (address ?? "unknown");

    public static string UserKey(string userName) => "user:" + userName.Trim().ToLowerInvariant();

    private void Prune()
    {
        foreach (var (key, queue) in _events)
            lock (queue) if (queue.Count == 0) _events.TryRemove(key, out _);
    }
}
