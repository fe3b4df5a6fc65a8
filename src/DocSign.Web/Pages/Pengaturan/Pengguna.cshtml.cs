using DocSign.Core.Accounts;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Pengaturan;

/// <summary>
/// Pengguna dan peran: an office's accounts with their role there, locked or not. The office's admin (or the system
/// admin) gives a role, takes someone out of the office, locks and unlocks an account. Same use cases as
/// <c>/api/admin/offices/{office}/users</c>; a refusal changes nothing and says why.
/// </summary>
public sealed class PenggunaModel(ListOfficeAccountsHandler list, SetOfficeRoleHandler roles, LockAccountHandler locks) : DocSignPageModel
{
    public string Office { get; private set; } = "";
    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    /// <summary>Only the system administrator brings into the office an account that is not in it yet.</summary>
    public bool CanAddAnyAccount { get; private set; }

    /// <summary>The roles offered, in the order the office knows them, with the Bahasa names.</summary>
    public static IReadOnlyList<(string Role, string Label)> Roles { get; } = OfficeRole.All.Select(r => (r, Tampil.Peran(r))).ToList();

    public Task<IActionResult> OnGetAsync(string office) => GuardAsync(async () =>
    {
        await LoadAsync(office);
        return Page();
    });

    public Task<IActionResult> OnPostPeranAsync(string office, string? akun, string? peran) => ActAsync(office, async actor =>
    {
        var account = await roles.HandleAsync(actor, office, akun, peran, HttpContext.RequestAborted);
        return account.RoleIn(Office) is { } role
            ? $"{account.DisplayName} kini {Tampil.Peran(role)} di Kecamatan {MenuUtama.Kantor(Office)}."
            : $"{account.DisplayName} tidak lagi memegang peran di Kecamatan {MenuUtama.Kantor(Office)}.";
    });

    public Task<IActionResult> OnPostKunciAsync(string office, string? akun) => ActAsync(office, async actor =>
    {
        var account = await locks.LockAsync(actor, office, akun, HttpContext.RequestAborted);
        return $"Akun {account.DisplayName} dikunci; semua sesinya diakhiri.";
    });

    public Task<IActionResult> OnPostBukaAsync(string office, string? akun) => ActAsync(office, async actor =>
    {
        var account = await locks.UnlockAsync(actor, office, akun, HttpContext.RequestAborted);
        return $"Kunci akun {account.DisplayName} dibuka; ia dapat masuk lagi.";
    });

    private Task<IActionResult> ActAsync(string office, Func<Core.Access.Actor, Task<string>> action) => GuardAsync(async () =>
    {
        // The list first: someone who may not administer the office is refused before anything is tried.
        await LoadAsync(office);
        try
        {
            Notice = await action(await ActorAsync());
            return Redirect($"/pengaturan/{Office}/pengguna");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict or ProblemKind.NotFound)
        {
            // Nothing changed, so the list just read is still the truth.
            await ShowFormErrorAsync(problem);
            return Page();
        }
    });

    private async Task LoadAsync(string office)
    {
        var actor = await ActorAsync();
        Accounts = await list.HandleAsync(actor, office, HttpContext.RequestAborted);
        Office = OfficeIds.Normalize(office);
        CanAddAnyAccount = actor.IsAdministrator;
    }
}
