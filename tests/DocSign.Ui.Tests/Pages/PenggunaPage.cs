using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Pengaturan › Pengguna dan peran: an office's people, each with a role select, lock or unlock.</summary>
public sealed class PenggunaPage(UiSession session) : PageObject(session)
{
    public new Task GotoAsync(string office) => base.GotoAsync($"/pengaturan/{office}/pengguna");

    /// <summary>A person's card, by the account name it carries.</summary>
    public ILocator Card(string userName) => Page.Locator($"[data-akun='{userName}']");
    public ILocator RoleOf(string userName) => Card(userName).Locator("[data-peran-sekarang]");
    public ILocator StateOf(string userName) => Card(userName).Locator("[data-keadaan-akun]");

    /// <summary>Picks a role (by its Bahasa label) in the person's select, found by its label "Peran {name}", and saves it.</summary>
    public async Task GiveRoleAsync(string userName, string displayName, string roleLabel)
    {
        await Page.GetByLabel($"Peran {displayName}", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = roleLabel });
        await NavigateByAsync(() => Card(userName).GetByRole(AriaRole.Button, new() { Name = "Simpan peran" }).ClickAsync());
    }

    public Task LockAsync(string displayName) =>
        NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = $"Kunci akun {displayName}", Exact = true }).ClickAsync());

    public Task UnlockAsync(string displayName) =>
        NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = $"Buka kunci akun {displayName}", Exact = true }).ClickAsync());

    /// <summary>The person's name as the card's heading shows it.</summary>
    public async Task<string> NameOfAsync(string userName) => (await Card(userName).GetByRole(AriaRole.Heading).InnerTextAsync()).Trim();
}
