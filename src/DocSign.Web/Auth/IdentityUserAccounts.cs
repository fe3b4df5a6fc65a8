using DocSign.Core.Access;
using DocSign.Core.Accounts;
using DocSign.Core.Offices;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Web.Auth;

/// <summary>
/// The account use cases' port on ASP.NET Core Identity, the memberships table, the server-side sessions and the
/// sign-in throttle (which lives with the sign-in plumbing here, so the adapter does too).
/// </summary>
internal sealed class IdentityUserAccounts(DocSignDbContext db, UserManager<DocSignUser> users, SessionStore sessions, SignInThrottle throttle,
    TimeProvider clock) : IUserAccounts
{
    public Task<IReadOnlyList<AccountSummary>> ListAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var ids = db.Memberships.AsNoTracking().Where(m => m.OfficeId == officeId).Select(m => m.UserId);
            var accounts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
            return (IReadOnlyList<AccountSummary>)(await SummariesAsync(accounts, cancellationToken))
                .OrderBy(a => a.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.UserName, StringComparer.Ordinal).ToList();
        });

    public Task<AccountSummary?> FindByNameAsync(string userName, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var user = await users.FindByNameAsync(userName);
            return user is null ? null : (await SummariesAsync([user], cancellationToken))[0];
        });

    public Task SetRoleAsync(string userId, string officeId, string? role, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            // One membership per person and office: the role is replaced, or the membership removed.
            var existing = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId && m.OfficeId == officeId, cancellationToken);
            if (existing is not null) db.Memberships.Remove(existing);
            if (role is not null)
            {
                if (existing is not null) await db.SaveChangesAsync(cancellationToken);
                db.Memberships.Add(new Membership(userId, officeId, role));
            }
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });

    public Task<int> LockAsync(string userId, CancellationToken cancellationToken = default) => DatabaseFaults.GuardAsync(async () =>
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The account vanished while being locked.");
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, AdminEndpoints.LockedByAdmin);
        return await sessions.EndAllAsync(user.Id, "admin-lock", cancellationToken: cancellationToken);
    });

    public Task UnlockAsync(string userId, CancellationToken cancellationToken = default) => DatabaseFaults.GuardAsync(async () =>
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The account vanished while being unlocked.");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await throttle.ForgetAsync([SignInThrottle.AccountKey(user.UserName!)], cancellationToken);
    });

    private async Task<List<AccountSummary>> SummariesAsync(IReadOnlyList<DocSignUser> accounts, CancellationToken cancellationToken)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var memberships = (await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.UserId);
        var now = clock.GetUtcNow();
        return accounts.Select(u =>
        {
            var disabled = u.LockoutEnd >= DemoAccounts.Disabled.AddDays(-1);
            return new AccountSummary(u.Id, u.UserName ?? u.Id, u.DisplayName, u.Nip, Locked: !disabled && u.LockoutEnd > now, disabled,
                memberships[u.Id].OrderBy(m => m.OfficeId, StringComparer.Ordinal).Select(m => new OfficeMembership(m.OfficeId, m.Role)).ToList());
        }).ToList();
    }
}
