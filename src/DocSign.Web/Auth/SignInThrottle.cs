using DocSign.Core.Access;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Auth;

/// <summary>
/// Counts wrong passwords per key (an account from an address, an address, a browser, an account from anywhere) and
/// says how long a key must wait: nothing until its free failures within <see cref="AuthOptions.FailureWindow"/> are
/// used up, then <see cref="AuthOptions.BackoffBase"/> after the last failure, doubling with each further one. Refused
/// attempts are not counted, so waiting is all it takes. The events are kept behind Core's <see cref="ISignInAttempts"/>
/// (a database table), so every instance counts the same events, however many instances a guesser spreads his guesses over.
/// </summary>
public sealed class SignInThrottle(ISignInAttempts attempts, TimeProvider clock, IOptions<AuthOptions> options)
{
    /// <summary>When the key may try again, or null when it may now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string key, int freeFailures, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        // Enough of the newest events to know the doubling up to the cap (2^6 minutes is past any sane cap).
        var recent = await attempts.RecentAsync(key, now - o.FailureWindow, freeFailures + 12, cancellationToken);
        if (recent.Count < freeFailures || recent.Count == 0) return null;
        var doublings = Math.Min(recent.Count - freeFailures, 20);
        var wait = TimeSpan.FromTicks(Math.Min(o.BackoffMax.Ticks, o.BackoffBase.Ticks * (1L << doublings)));
        var until = recent[0] + wait;
        return until > now ? until - now : null;
    }

    /// <summary>Counts one event for each key (saved at once: a refused request saves nothing else).</summary>
    public Task CountAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default) =>
        attempts.CountAsync(keys, clock.GetUtcNow(), cancellationToken);

    /// <summary>Forgets the keys' events (the owner signed in from there; an admin unlocked the account).</summary>
    public Task ForgetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        attempts.ForgetAsync(keys, cancellationToken);

    // Keys are bounded (200 characters): a long typed name must not fail the check.
    public static string AddressKey(string? address) => "ip:" + (address ?? "unknown");
    public static string AccountKey(string userName) => "acct:" + Name(userName);
    public static string PairKey(string userName, string? address) => "pair:" + Name(userName) + "|" + (address ?? "unknown");
    /// <param name="deviceSource">The device's source key, "dev:" and a hash (the session store's DeviceSource; never the cookie's value).</param>
    public static string DeviceKey(string userName, string deviceSource) => "dev:" + deviceSource[4..Math.Min(deviceSource.Length, 36)] + "|" + Name(userName);

    private static string Name(string userName)
    {
        var name = userName.Trim().ToLowerInvariant();
        return name.Length <= 140 ? name : name[..140];
    }
}
