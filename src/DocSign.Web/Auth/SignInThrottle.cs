using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Auth;

/// <summary>Bound from <c>DocSign:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "DocSign:Auth";

    /// <summary>Lifetime of a bearer token.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Absolute lifetime of a browser session, however actively it is used (it also ends after an hour idle).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Wrong passwords for one account from one client address before that pair is slowed down.</summary>
    public int FailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>Wrong passwords from one client address (any accounts) before the address is slowed down.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>Wrong passwords from one browser that signed in to the account before (its device cookie).</summary>
    public int FailuresPerDevice { get; set; } = 5;

    /// <summary>
    /// Wrong passwords for one account from anywhere before sign-ins from places it never signed in from are slowed
    /// down (its known addresses and browsers are not).
    /// </summary>
    public int FailuresPerAccountFromNewPlaces { get; set; } = 10;

    /// <summary>How long a wrong password counts.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first wait once a limit is reached; it doubles with each further failure, up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Token requests one client address may make per minute (rate limit on <c>/api/auth/token</c>).</summary>
    public int TokenRequestsPerMinute { get; set; } = 30;

    /// <summary><c>POST /api/verify</c> per user: requests per minute, and at once.</summary>
    public int VerifyPerMinute { get; set; } = 20;
    public int VerifyConcurrent { get; set; } = 2;
}

/// <summary>
/// Counts wrong passwords per key (an account from an address, an address, a browser, an account from anywhere) and
/// says how long a key must wait: nothing until its free failures within <see cref="AuthOptions.FailureWindow"/> are
/// used up, then <see cref="AuthOptions.BackoffBase"/> after the last failure, doubling with each further one. Refused
/// attempts are not counted, so waiting is all it takes. The events live in the database (<see cref="SignInAttempt"/>),
/// so every instance counts the same events, however many instances a guesser spreads his guesses over.
/// </summary>
public sealed class SignInThrottle(DocSignDbContext db, TimeProvider clock, IOptions<AuthOptions> options)
{
    /// <summary>When the key may try again, or null when it may now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string key, int freeFailures, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var since = now - (long)o.FailureWindow.TotalMilliseconds;
        // Enough of the newest events to know the doubling up to the cap (2^6 minutes is past any sane cap).
        var recent = await db.Set<SignInAttempt>().AsNoTracking()
            .Where(a => a.Key == key && a.AtUnixMs > since)
            .OrderByDescending(a => a.AtUnixMs).Select(a => a.AtUnixMs).Take(freeFailures + 12)
            .ToListAsync(cancellationToken);
        if (recent.Count < freeFailures || recent.Count == 0) return null;
        var doublings = Math.Min(recent.Count - freeFailures, 20);
        var wait = TimeSpan.FromTicks(Math.Min(o.BackoffMax.Ticks, o.BackoffBase.Ticks * (1L << doublings)));
        var until = recent[0] + (long)wait.TotalMilliseconds;
        return until > now ? TimeSpan.FromMilliseconds(until - now) : null;
    }

    /// <summary>Counts one event for each key (saved at once: a refused request saves nothing else).</summary>
    public async Task CountAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var key in keys)
            db.Set<SignInAttempt>().Add(new SignInAttempt { Id = Guid.NewGuid(), Key = key, AtUnixMs = now });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        // Now and then, events older than any window anyone uses (a day) go.
        if (Random.Shared.Next(200) == 0)
        {
            var old = now - (long)TimeSpan.FromDays(1).TotalMilliseconds;
            await db.Set<SignInAttempt>().Where(a => a.AtUnixMs < old).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>Forgets the keys' events (the owner signed in from there; an admin unlocked the account).</summary>
    public Task ForgetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        db.Set<SignInAttempt>().Where(a => keys.Contains(a.Key)).ExecuteDeleteAsync(cancellationToken);

    // Keys are bounded (200 characters): a long typed name must not fail the check.
    public static string AddressKey(string? address) => "ip:" + (address ?? "unknown");
    public static string AccountKey(string userName) => "acct:" + Name(userName);
    public static string PairKey(string userName, string? address) => "pair:" + Name(userName) + "|" + (address ?? "unknown");
    /// <param name="deviceSource">The device's <see cref="SessionStore.DeviceSource"/> (a hash, never the cookie's value).</param>
    public static string DeviceKey(string userName, string deviceSource) => "dev:" + deviceSource[4..Math.Min(deviceSource.Length, 36)] + "|" + Name(userName);

    private static string Name(string userName)
    {
        var name = userName.Trim().ToLowerInvariant();
        return name.Length <= 140 ? name : name[..140];
    }
}
