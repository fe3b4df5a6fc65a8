using DocSign.Core.Access;

namespace DocSign.Infrastructure.Security;

/// <summary>Core's view of the sessions (<see cref="ISessionDirectory"/>) over the <see cref="SessionStore"/>'s rows.</summary>
internal sealed class SessionDirectory(SessionStore store) : ISessionDirectory
{
    public async Task<IReadOnlyList<SessionSummary>> ActiveAsync(string userId, TimeSpan browserIdle, CancellationToken cancellationToken = default) =>
        (await store.ActiveAsync(userId, browserIdle, cancellationToken))
            .Select(s => new SessionSummary(s.Id, s.Kind == AuthSession.Token, s.Device, s.ClientAddress,
                At(s.CreatedAtUnixMs), At(s.LastSeenAtUnixMs), At(s.ExpiresAtUnixMs)))
            .ToList();

    public Task<bool> EndAsync(string userId, string sessionId, string reason, CancellationToken cancellationToken = default) =>
        store.EndAsync(userId, sessionId, reason, cancellationToken);

    public async Task<IReadOnlyList<FailedSignIns>> FailedSignInsAsync(int max, CancellationToken cancellationToken = default) =>
        (await store.AlertsAsync(max, cancellationToken))
            .Select(a => new FailedSignIns(a.UserName, a.Alert.Failures, a.Alert.Addresses.Split(';', StringSplitOptions.RemoveEmptyEntries),
                At(a.Alert.FirstFailureUnixMs), At(a.Alert.LastFailureUnixMs)))
            .ToList();

    private static DateTimeOffset At(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
