using DocSign.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

/// <summary>Accounts by user name with their memberships: two small queries on the identity tables.</summary>
public sealed class EfPeopleDirectory(DocSignDbContext db) : IPeopleDirectory
{
    public Task<IReadOnlyList<PersonOnScreen>> FindByUserNamesAsync(IReadOnlyCollection<string> userNames, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var normalized = userNames.Select(n => n.Trim().ToUpperInvariant()).Distinct().ToList();
            var users = await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedUserName!))
                .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(cancellationToken);
            var ids = users.Select(u => u.Id).ToList();
            var memberships = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId))
                .Select(m => new { m.UserId, m.OfficeId, m.Role }).ToListAsync(cancellationToken);
            return (IReadOnlyList<PersonOnScreen>)users.Select(u => new PersonOnScreen(u.UserName ?? u.Id,
                    string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName,
                    memberships.Where(m => m.UserId == u.Id).Select(m => new OfficeMembership(m.OfficeId, m.Role)).ToList()))
                .ToList();
        });
}
