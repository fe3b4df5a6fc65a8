using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

/// <summary>
/// The caller as the session check needs it: the actor, and what decides whether the sign-in still holds. The session
/// is in force when its row exists, belongs to the account, is not ended, is within its absolute lifetime and (for a
/// browser) was used recently enough; <see cref="SessionLastSeen"/> is then its last recorded use, else null.
/// </summary>
public sealed record ActorSession(Actor Actor, string? SecurityStamp, DateTimeOffset? LockoutEnd, long? SessionLastSeen)
{
    public bool SessionInForce => SessionLastSeen is not null;
}

public sealed class ActorDirectory(DocSignDbContext db) : IActorDirectory
{
    private sealed record Row(string? UserName, bool IsAdministrator, string? SecurityStamp, DateTimeOffset? LockoutEnd, long? SessionLastSeen, string? OfficeId, string? Role);

    // Every API call and page reads its caller, so this is one round trip (the user with its memberships: one row
    // per membership, or one row without any, and the session's last use when it is still in force) and a compiled query.
    private static readonly CompiledPerModel<Func<DocSignDbContext, string, string, long, long, IAsyncEnumerable<Row>>> RowsOf = new(() =>
        EF.CompileAsyncQuery((DocSignDbContext context, string userId, string sessionId, long now, long browserIdleSince) =>
            from u in context.Users.AsNoTracking()
            where u.Id == userId
            join m in context.Memberships.AsNoTracking() on u.Id equals m.UserId into joined
            from m in joined.DefaultIfEmpty()
            select new Row(u.UserName, u.IsAdministrator, u.SecurityStamp, u.LockoutEnd,
                context.Set<AuthSession>()
                    .Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAtUnixMs == null && s.ExpiresAtUnixMs > now
                                && (s.Kind != AuthSession.Browser || s.LastSeenAtUnixMs > browserIdleSince))
                    .Select(s => (long?)s.LastSeenAtUnixMs).FirstOrDefault(),
                m == null ? null : m.OfficeId, m == null ? null : m.Role)));

    public async Task<Actor?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await FindSessionAsync(userId, "", 0, 0, cancellationToken))?.Actor;
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            throw new DatabaseUnavailableException(e);
        }
    }

    public Task<PersonOnRecord?> PersonAsync(string userId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new PersonOnRecord(u.DisplayName, u.Nip)).FirstOrDefaultAsync(cancellationToken));

    /// <summary>
    /// The account <paramref name="userId"/> with its memberships, and whether its session <paramref name="sessionId"/>
    /// is in force at <paramref name="nowUnixMs"/> (a browser session must have been used after <paramref name="browserIdleSinceUnixMs"/>);
    /// null when the account is gone.
    /// </summary>
    public async Task<ActorSession?> FindSessionAsync(string userId, string sessionId, long nowUnixMs, long browserIdleSinceUnixMs,
        CancellationToken cancellationToken = default)
    {
        var rows = new List<Row>();
        await foreach (var row in RowsOf.For(db)(db, userId, sessionId, nowUnixMs, browserIdleSinceUnixMs).WithCancellation(cancellationToken)) rows.Add(row);
        if (rows.Count == 0) return null;
        var account = rows[0];
        var memberships = rows.Where(r => r.OfficeId is not null).Select(r => new OfficeMembership(r.OfficeId!, r.Role!)).ToList();
        return new ActorSession(new Actor(userId, account.UserName ?? userId, memberships, account.IsAdministrator),
            account.SecurityStamp, account.LockoutEnd, account.SessionLastSeen);
    }
}
