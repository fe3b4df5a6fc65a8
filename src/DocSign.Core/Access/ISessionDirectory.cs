namespace DocSign.Core.Access;

/// <summary>
/// The server-side sign-in sessions (browser cookies and API tokens) and the failed sign-ins, as the screens see them.
/// The adapter is Infrastructure's session store; the sign-in plumbing itself (starting, touching, throttling) stays
/// with the host.
/// </summary>
public interface ISessionDirectory
{
    /// <summary>The user's sessions in force (a browser idle longer than <paramref name="browserIdle"/> is not), newest use first.</summary>
    Task<IReadOnlyList<SessionSummary>> ActiveAsync(string userId, TimeSpan browserIdle, CancellationToken cancellationToken = default);

    /// <summary>Ends one session of the user; false when it is not his or has already ended.</summary>
    Task<bool> EndAsync(string userId, string sessionId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Accounts with wrong passwords since their last sign-in, most failures first.</summary>
    Task<IReadOnlyList<FailedSignIns>> FailedSignInsAsync(int max, CancellationToken cancellationToken = default);
}

/// <summary>One session in force: its id, whether it is an API token (else a browser), the browser's User-Agent, from where, and when.</summary>
public sealed record SessionSummary(string Id, bool IsApiToken, string? Device, string? ClientAddress,
    DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt);

/// <summary>An account with failed sign-ins since its owner last signed in: how many, from which addresses, first and last.</summary>
public sealed record FailedSignIns(string UserName, int Failures, IReadOnlyList<string> Addresses, DateTimeOffset FirstAt, DateTimeOffset LastAt);
