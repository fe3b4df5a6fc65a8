using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

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
/// Counts sign-in failures per client address and attempts per user name in a sliding window. The events live in the
/// database (<see cref="SignInAttempt"/>), so every instance sees the same counts: an address that keeps guessing is
/// refused before the account it guesses at reaches its lock-out, however many instances it spreads its guesses over.
/// </summary>
public sealed class SignInThrottle(DocSignDbContext db, TimeProvider clock)
{
    /// <summary>When the key may try again, or null when it may now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var since = now - (long)window.TotalMilliseconds;
        // The newest `limit` events in the window; once the oldest of them leaves the window, fewer than `limit` remain.
        var recent = await db.Set<SignInAttempt>().AsNoTracking()
            .Where(a => a.Key == key && a.AtUnixMs > since)
            .OrderByDescending(a => a.AtUnixMs).Select(a => a.AtUnixMs).Take(limit)
            .ToListAsync(cancellationToken);
        if (recent.Count < limit) return null;
        return TimeSpan.FromMilliseconds(Math.Max(1, recent[^1] + (long)window.TotalMilliseconds - now));
    }

    /// <summary>Counts one event for the key (saved at once: a refused request saves nothing else).</summary>
    public async Task CountAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        db.Set<SignInAttempt>().Add(new SignInAttempt { Id = Guid.NewGuid(), Key = key, AtUnixMs = now });
        await db.SaveChangesAsync(cancellationToken);
        // Now and then, events older than any window anyone uses (a day) go.
        if (Random.Shared.Next(200) == 0)
        {
            var old = now - (long)TimeSpan.FromDays(1).TotalMilliseconds;
            await db.Set<SignInAttempt>().Where(a => a.AtUnixMs < old).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>Forgets the key's events (an admin unlocked the account).</summary>
    public Task ForgetAsync(string key, CancellationToken cancellationToken = default) =>
        db.Set<SignInAttempt>().Where(a => a.Key == key).ExecuteDeleteAsync(cancellationToken);

    public static string AddressKey(string? address) => "ip:" + (address ?? "unknown");

    /// <summary>User names are clipped: the key column is bounded and a long typed name must not fail the check.</summary>
    public static string UserKey(string userName)
    {
        var name = userName.Trim().ToLowerInvariant();
        return "user:" + (name.Length <= 150 ? name : name[..150]);
    }
}
