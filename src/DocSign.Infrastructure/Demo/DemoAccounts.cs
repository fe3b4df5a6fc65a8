using DocSign.Core.Access;
using System.Security.Claims;
using DocSign.Core.Audit;
using DocSign.Core.Offices;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Demo;

/// <summary>
/// Demo accounts are marked in the database (a user claim), so that a service started with the demo switched
/// off can make them unusable, and an operator can remove them. Accounts seeded before the mark existed are
/// recognised by a demo user name that still has the public demo password.
/// </summary>
public sealed class DemoAccounts(DocSignDbContext db, UserManager<DocSignUser> users, IAuditTrail audit, ILogger<DemoAccounts> logger)
{
    /// <summary>The claim type that marks a demo account.</summary>
    public const string ClaimType = "docsign:demo";

    /// <summary>Lock-out end used for a disabled account: never reached.</summary>
    public static readonly DateTimeOffset Disabled = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Marks <paramref name="user"/> as a demo account (idempotent).</summary>
    public static async Task MarkAsync(UserManager<DocSignUser> users, DocSignUser user)
    {
        var claims = await users.GetClaimsAsync(user);
        if (!claims.Any(c => c.Type == ClaimType))
            await users.AddClaimAsync(user, new Claim(ClaimType, "true"));
    }

    /// <summary>
    /// The demo accounts in this database: marked ones, and demo-named ones whose password is still the public
    /// demo password (checked only for accounts not yet disabled, since each check costs a password hash).
    /// </summary>
    public async Task<List<DocSignUser>> FindAsync(bool includeDisabled, CancellationToken cancellationToken = default)
    {
        var markedIds = await db.UserClaims.Where(c => c.ClaimType == ClaimType).Select(c => c.UserId).ToListAsync(cancellationToken);
        var names = DemoSeeder.UserNames.Select(n => n.ToUpperInvariant()).ToList();
        var candidates = await db.Users.Where(u => markedIds.Contains(u.Id) || names.Contains(u.NormalizedUserName!)).ToListAsync(cancellationToken);
        var found = new List<DocSignUser>();
        foreach (var user in candidates)
        {
            var disabled = user.LockoutEnd >= Disabled.AddDays(-1);
            if (disabled && !includeDisabled) continue;
            if (markedIds.Contains(user.Id) || disabled || await users.CheckPasswordAsync(user, DemoOptions.Password))
                found.Add(user);
        }
        return found;
    }

    /// <summary>
    /// With the demo switched off, no demo account may sign in: each is locked out for good and its security
    /// stamp renewed, which also ends every token it still holds.
    /// </summary>
    public async Task<int> DisableAsync(CancellationToken cancellationToken = default)
    {
        var accounts = await FindAsync(includeDisabled: false, cancellationToken);
        foreach (var user in accounts)
        {
            user.LockoutEnabled = true;
            user.LockoutEnd = Disabled;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
        }
        if (accounts.Count > 0)
        {
            await audit.RecordNowAsync(new AuditEvent(AuditActions.AdminChange) { ActorName = SystemActor.Name, Detail = $"demo dimatikan: {accounts.Count} akun demo dinonaktifkan" }, cancellationToken);
            logger.LogWarning("Demo data is switched off: disabled {Count} demo account(s) still present in the database (remove them with --remove-demo-data)", accounts.Count);
        }
        return accounts.Count;
    }

    /// <summary>
    /// The office's own settings (SOP choice and role mapping, letter template and counters, signing policy, ...):
    /// every table that refers to the office, and the rows that refer to those, found from the model so that a new
    /// setting table is removed with its office without this method knowing it.
    /// </summary>
    private async Task DeleteOfficeSettingsAsync(string office, CancellationToken cancellationToken)
    {
        var officeType = db.Model.FindEntityType(typeof(Office))!;
        foreach (var fk in db.Model.GetEntityTypes().SelectMany(t => t.GetForeignKeys()).Where(f => f.PrincipalEntityType == officeType).ToList())
        {
            var settings = fk.DeclaringEntityType;
            var table = settings.GetTableName()!;
            var officeColumn = fk.Properties[0].GetColumnName();
            var key = settings.FindPrimaryKey()!.Properties;
            foreach (var child in db.Model.GetEntityTypes().SelectMany(t => t.GetForeignKeys()).Where(f => f.PrincipalEntityType == settings && f.Properties.Count == key.Count).ToList())
            {
                var childTable = child.DeclaringEntityType.GetTableName()!;
                var pairs = string.Join(" AND ", child.Properties.Zip(key, (c, k) => $"c.\"{c.GetColumnName()}\" = p.\"{k.GetColumnName()}\""));
                await db.Database.ExecuteSqlRawAsync(
                    $"DELETE FROM \"{childTable}\" WHERE EXISTS (SELECT 1 FROM \"{table}\" p WHERE p.\"{officeColumn}\" = {{0}} AND {pairs.Replace("c.", $"\"{childTable}\".")})",
                    [office], cancellationToken);
            }
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{table}\" WHERE \"{officeColumn}\" = {{0}}", [office], cancellationToken);
        }
    }

    /// <summary>
    /// Removes the demo accounts (with their memberships) and the demo offices that hold no documents.
    /// Returns what was removed and what had to stay (offices with documents).
    /// </summary>
    public async Task<(int Users, int Offices, IReadOnlyList<string> KeptOffices)> RemoveAsync(CancellationToken cancellationToken = default)
    {
        var accounts = await FindAsync(includeDisabled: true, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = accounts.Select(u => u.Id).ToList();
        await db.Memberships.Where(m => ids.Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => ids.Contains(c.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => ids.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);
        var removedOffices = 0;
        var kept = new List<string>();
        foreach (var (office, _) in DemoSeeder.Offices)
        {
            if (!await db.Offices.AnyAsync(o => o.Id == office, cancellationToken)) continue;
            var used = await db.Documents.AnyAsync(d => d.OfficeId == office, cancellationToken)
                       || await db.Set<DocSign.Core.Letters.Letter>().AnyAsync(l => l.OfficeId == office, cancellationToken)
                       || await db.Memberships.AnyAsync(m => m.OfficeId == office, cancellationToken);
            if (used) { kept.Add(office); continue; }
            await DeleteOfficeSettingsAsync(office, cancellationToken);
            await db.Offices.Where(o => o.Id == office).ExecuteDeleteAsync(cancellationToken);
            removedOffices++;
        }
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            ActorName = SystemActor.Name,
            Detail = $"data demo dihapus: {accounts.Count} akun, {removedOffices} kantor" + (kept.Count > 0 ? $"; kantor dipertahankan karena masih berisi data: {string.Join(", ", kept)}" : ""),
        });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (accounts.Count, removedOffices, kept);
    }
}
