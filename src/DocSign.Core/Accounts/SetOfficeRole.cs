using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Accounts;

/// <summary>
/// The office admin gives an account its role in the office (one role per person and office, as memberships are
/// kept), or takes it out of the office (<c>PUT /api/admin/offices/{office}/users/{userName}/role</c>, the Pengguna
/// screen). Only the system administrator brings in an account that is not yet in the office. An admin never takes
/// away his own office admin role (the office would be left without one). Bad input changes nothing; a change is audited.
/// </summary>
public sealed class SetOfficeRoleHandler(IUserAccounts accounts, IDocumentRepository documents, IAuditTrail audit, ILogger<SetOfficeRoleHandler> logger)
{
    /// <summary>The role word that takes the account out of the office.</summary>
    public const string None = "";

    public async Task<AccountSummary> HandleAsync(Actor actor, string? office, string? userName, string? role, CancellationToken cancellationToken = default)
    {
        var officeId = await AccountAccess.RequireOfficeAdminAsync(documents, actor, office, cancellationToken);
        var wanted = (role ?? "").Trim().ToLowerInvariant();
        if (wanted != None && !OfficeRole.IsKnown(wanted))
            throw DocSignProblem.Invalid("Peran itu tidak dikenal. Pilih salah satu peran dari daftar.");
        var account = await AccountAccess.RequireAccountAsync(accounts, actor, officeId, userName, mayBeOutsideOffice: actor.IsAdministrator, cancellationToken);
        var current = account.RoleIn(officeId);
        if (account.UserId == actor.UserId && current == OfficeRole.AdminKantor && wanted != OfficeRole.AdminKantor)
            throw DocSignProblem.Invalid("Anda tidak dapat mencabut peran admin kantor Anda sendiri; mintalah admin lain melakukannya.");
        if ((current ?? None) == wanted) return account;

        await DatabaseGuard.RunAsync(() => accounts.SetRoleAsync(account.UserId, officeId, wanted == None ? null : wanted, cancellationToken));
        await audit.RecordNowAsync(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId,
            Detail = $"role of {account.UserName} in {officeId}: {current ?? "none"} -> {(wanted == None ? "none" : wanted)}",
        }, cancellationToken);
        logger.LogInformation("Role of {Account} in office {Office} set to {Role} by {User}", account.UserName, officeId, wanted == None ? "none" : wanted, actor.UserName);
        var others = account.Memberships.Where(m => m.OfficeId != officeId).ToList();
        if (wanted != None) others.Add(new OfficeMembership(officeId, wanted));
        return account with { Memberships = others };
    }
}
