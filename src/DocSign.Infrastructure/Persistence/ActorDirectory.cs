using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

/// <summary>The caller as the session check needs it: the actor, and what decides whether the sign-in still holds.</summary>
public sealed record ActorSession(Actor Actor, string? SecurityStamp, DateTimeOffset? LockoutEnd, bool TokenRevoked);

public sealed class ActorDirectory(DocSignDbContext db) : IActorDirectory
{
    private sealed record Row(string? UserName, bool IsAdministrator, string? SecurityStamp, DateTimeOffset? LockoutEnd, bool Revoked, string? OfficeId, string? Role);

    // Every API call and page reads its caller, so this is one round trip (the user with its memberships: one row
    // per membership, or one row without any, and whether the token was ended by logout) and a compiled query.
    private static readonly CompiledPerModel<Func<DocSignDbContext, string, string?, IAsyncEnumerable<Row>>> RowsOf = new(() =>
        EF.CompileAsyncQuery((DocSignDbContext context, string userId, string? tokenId) =>
            from u in context.Users.AsNoTracking()
            where u.Id == userId
            join m in context.Memberships.AsNoTracking() on u.Id equals m.UserId into joined
            from m in joined.DefaultIfEmpty()
            select new Row(u.UserName, u.IsAdministrator, u.SecurityStamp, u.LockoutEnd,
                tokenId != null && context.Set<RevokedToken>().Any(t => t.TokenId == tokenId),
                m == null ? null : m.OfficeId, m == null ? null : m.Role)));

    public async Task<Actor?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await FindSessionAsync(userId, null, cancellationToken))?.Actor;
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            throw new DatabaseUnavailableException(e);
        }
    }

    /// <summary>The account <paramref name="userId"/> with its memberships, and whether <paramref name="tokenId"/> was revoked; null when the account is gone.</summary>
    public async Task<ActorSession?> FindSessionAsync(string userId, string? tokenId, CancellationToken cancellationToken = default)
    {
        var rows = new List<Row>();
        await foreach (var row in RowsOf.For(db)(db, userId, tokenId).WithCancellation(cancellationToken)) rows.Add(row);
        if (rows.Count == 0) return null;
        var account = rows[0];
        var memberships = rows.Where(r => r.OfficeId is not null).Select(r => new OfficeMembership(r.OfficeId!, r.Role!)).ToList();
        return new ActorSession(new Actor(userId, account.UserName ?? userId, memberships, account.IsAdministrator),
            account.SecurityStamp, account.LockoutEnd, account.Revoked);
    }
}
