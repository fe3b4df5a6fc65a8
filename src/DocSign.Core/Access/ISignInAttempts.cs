namespace DocSign.Core.Access;

/// <summary>
/// The counted sign-in events (wrong passwords per key: an account from an address, an address, a browser, an account
/// from anywhere) that the host's sign-in throttle reads. Kept where every instance counts the same events (the
/// adapter: a database table), however many instances a guesser spreads his guesses over.
/// </summary>
public interface ISignInAttempts
{
    /// <summary>The times of the key's events after <paramref name="since"/>, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<DateTimeOffset>> RecentAsync(string key, DateTimeOffset since, int max, CancellationToken cancellationToken = default);

    /// <summary>Counts one event at <paramref name="at"/> for each key, saved at once.</summary>
    Task CountAsync(IEnumerable<string> keys, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Forgets the keys' events.</summary>
    Task ForgetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}
