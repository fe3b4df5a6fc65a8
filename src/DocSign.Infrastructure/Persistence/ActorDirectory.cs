using DocSign.Core.Access;
using DocSign.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

public sealed class ActorDirectory(DocSignDbContext db) : IActorDirectory
{
    private sealed record Row(string Id, string? UserName, bool IsAdministrator, string? OfficeId, string? Role);

    public async Task<Actor?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            // Every API call and page reads its caller, so this is one round trip: the user with its memberships
            // (one row per membership, or one row without any).
            var rows = await (
                from u in db.Users.AsNoTracking()
                where u.Id == userId
                join m in db.Memberships.AsNoTracking() on u.Id equals m.UserId into joined
                from m in joined.DefaultIfEmpty()
                select new Row(u.Id, u.UserName, u.IsAdministrator, m == null ? null : m.OfficeId, m == null ? null : m.Role)).ToListAsync(cancellationToken);
            if (rows.Count == 0) return null;
            var user = rows[0];
            var memberships = rows.Where(r => r.OfficeId is not null).Select(r => new OfficeMembership(r.OfficeId!, r.Role!)).ToList();
            return new Actor(user.Id, user.UserName ?? user.Id, memberships, user.IsAdministrator);
        }
        catch (Exception e) when (DocumentRepository.IsUnavailable(e))
        {
            throw new DatabaseUnavailableException(e);
        }
    }
}
