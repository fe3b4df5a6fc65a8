using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Accounts;

/// <summary>
/// Locks an account (it cannot sign in, and every session it holds ends at once on every instance) or lifts the lock
/// and the slow-down its wrong passwords earned (<c>POST /api/admin/users/{userName}/lock|unlock</c>, the Pengguna
/// screen). The system administrator may do it to any account; an office admin to the accounts of his office, but
/// never to himself. Both are audited.
/// </summary>
public sealed class LockAccountHandler(IUserAccounts accounts, IDocumentRepository documents, IAuditTrail audit)
{
    /// <summary>Locks <paramref name="userName"/>; <paramref name="office"/> is the office the admin acts for (null: the system administrator for any account).</summary>
    public async Task<AccountSummary> LockAsync(Actor actor, string? office, string? userName, CancellationToken cancellationToken = default)
    {
        var account = await AccountAsync(actor, office, userName, "Hanya admin yang dapat mengunci akun.", cancellationToken);
        if (account.UserId == actor.UserId) throw DocSignProblem.Invalid("Anda tidak dapat mengunci akun Anda sendiri.");
        var ended = await DatabaseGuard.RunAsync(() => accounts.LockAsync(account.UserId, cancellationToken));
        await audit.RecordNowAsync(new AuditEvent(AuditActions.AdminChange) { Detail = $"akun {account.UserName} dikunci; {ended} sesi diakhiri" }, cancellationToken);
        return account with { Locked = true };
    }

    /// <summary>Lifts the lock on <paramref name="userName"/> and forgets its wrong passwords.</summary>
    public async Task<AccountSummary> UnlockAsync(Actor actor, string? office, string? userName, CancellationToken cancellationToken = default)
    {
        var account = await AccountAsync(actor, office, userName, "Hanya admin yang dapat membuka kunci akun.", cancellationToken);
        await DatabaseGuard.RunAsync(() => accounts.UnlockAsync(account.UserId, cancellationToken));
        await audit.RecordNowAsync(new AuditEvent(AuditActions.AdminChange) { Detail = $"kunci akun {account.UserName} dibuka" }, cancellationToken);
        return account with { Locked = false };
    }

    private async Task<AccountSummary> AccountAsync(Actor actor, string? office, string? userName, string refusal, CancellationToken cancellationToken)
    {
        if (office is null)
        {
            if (!actor.IsAdministrator) throw DocSignProblem.Forbidden(refusal);
            var name = (userName ?? "").Trim();
            var account = await DatabaseGuard.RunAsync(() => accounts.FindByNameAsync(name, cancellationToken))
                ?? throw DocSignProblem.NotFound($"Pengguna '{name}' tidak ada.");
            if (account.Disabled)
                throw new DocSignProblem(ProblemKind.Conflict, "Akun ini dinonaktifkan (akun demo pada layanan tanpa demo) dan tidak dapat diubah di sini.");
            return account;
        }
        var officeId = await AccountAccess.RequireOfficeAdminAsync(documents, actor, office, cancellationToken);
        return await AccountAccess.RequireAccountAsync(accounts, actor, officeId, userName, mayBeOutsideOffice: false, cancellationToken);
    }
}
