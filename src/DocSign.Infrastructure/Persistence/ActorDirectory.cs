using DocSign.Core.Access;
using DocSign.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

public sealed class ActorDirectory(DocSignDbContext db) : IActorDirectory
{
    public async Task<Actor?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.Id, u.UserName, u.IsAdministrator }).FirstOrDefaultAsync(cancellationToken);
            if (user is null) return null;
            var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
                .Select(m => new OfficeMembership(m.OfficeId, m.Role)).ToListAsync(cancellationToken);
            return new Actor(user.Id, user.UserName ?? user.Id, memberships, user.IsAdministrator);
        }
        catch (Exception e) when (DocumentRepository.IsUnavailable(e))
        {
            throw new DatabaseUnavailableException(e);
        }
    }
}
