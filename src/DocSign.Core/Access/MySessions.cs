using DocSign.Core.Audit;

namespace DocSign.Core.Access;

/// <summary>
/// The signed-in person's own sessions (the Sesi page): the list, and ending one of them at once for every instance,
/// audited. Ending the session the request itself carries is signing out, which the host does (it also drops the cookie).
/// </summary>
public sealed class MySessionsHandler(ISessionDirectory sessions, IAuditTrail audit)
{
    public Task<IReadOnlyList<SessionSummary>> ListAsync(Actor actor, TimeSpan browserIdle, CancellationToken cancellationToken = default) =>
        sessions.ActiveAsync(actor.UserId, browserIdle, cancellationToken);

    /// <summary>Ends one of the actor's sessions; false when it is not his or has already ended (nothing recorded then).</summary>
    public async Task<bool> EndAsync(Actor actor, string sessionId, CancellationToken cancellationToken = default)
    {
        if (!await sessions.EndAsync(actor.UserId, sessionId, "ended-by-owner", cancellationToken)) return false;
        await audit.RecordNowAsync(new AuditEvent(AuditActions.SessionEnded) { Detail = "diakhiri pemiliknya" }, cancellationToken);
        return true;
    }
}
