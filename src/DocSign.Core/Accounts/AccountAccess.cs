using DocSign.Core.Access;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Accounts;

/// <summary>
/// Who administers an office's accounts: the system administrator for every office, an office's own admin
/// (<see cref="OfficeRole.AdminKantor"/>) for that office only. Anyone outside the office learns nothing (404, like an
/// unknown office); its other members are refused (403).
/// </summary>
internal static class AccountAccess
{
    public static async Task<string> RequireOfficeAdminAsync(IDocumentRepository documents, Actor actor, string? office, CancellationToken cancellationToken)
    {
        var officeId = OfficeId.From(office);
        if (!officeId.IsWellFormed || !(actor.IsMemberOf(officeId) || actor.IsAdministrator)
            || !await DatabaseGuard.RunAsync(() => documents.OfficeExistsAsync(officeId, cancellationToken)))
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        if (!actor.AdministersOffice(officeId))
            throw DocSignProblem.Forbidden("Hanya admin kantor ini yang dapat mengelola pengguna dan perannya.");
        return officeId;
    }

    /// <summary>An account the actor may change: one of the office's accounts (or, for the system administrator, any), never a disabled one.</summary>
    public static async Task<AccountSummary> RequireAccountAsync(IUserAccounts accounts, Actor actor, string officeId, string? userName,
        bool mayBeOutsideOffice, CancellationToken cancellationToken)
    {
        var name = (userName ?? "").Trim();
        if (name.Length is 0 or > 256) throw DocSignProblem.Invalid("Sebutkan nama akun pengguna.");
        var account = await DatabaseGuard.RunAsync(() => accounts.FindByNameAsync(name, cancellationToken));
        if (account is null || !(mayBeOutsideOffice || account.RoleIn(officeId) is not null))
            throw DocSignProblem.NotFound($"Pengguna '{name}' tidak ada di kantor ini.");
        if (account.Disabled)
            throw new DocSignProblem(ProblemKind.Conflict, "Akun ini dinonaktifkan (akun demo pada layanan tanpa demo) dan tidak dapat diubah di sini.");
        return account;
    }
}
