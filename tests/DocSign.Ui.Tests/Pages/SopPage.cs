using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>SOP kantor: the template's steps and who holds each SOP role; the admin's mapping form.</summary>
public sealed class SopPage(UiSession session) : PageObject(session)
{
    public ILocator Mapping => Page.Locator("table[data-pemetaan]");
    public ILocator MappingRow(string sopRole) => Mapping.Locator($"tbody tr[data-peran-sop='{sopRole}']");
    public ILocator EditForm => Page.Locator("form[data-form-pemetaan]");
    public ILocator SaveButton => Page.GetByRole(AriaRole.Button, new() { Name = "Simpan pemetaan" });

    /// <summary>The first SOP role of the form, as written in the template.</summary>
    public async Task<string> FirstSopRoleAsync() => (await EditForm.Locator("tr[data-baris-pemetaan]").First.GetAttributeAsync("data-baris-pemetaan"))!;

    public ILocator UsersOf(string sopRole) => Page.GetByLabel($"Pengguna sebagai {sopRole}", new() { Exact = true });
    public ILocator RoleBox(string roleLabel, string sopRole) => Page.GetByLabel($"{roleLabel} sebagai {sopRole}", new() { Exact = true });

    public new Task GotoAsync(string office) => base.GotoAsync($"/sop/{office}");

    /// <summary>The SOP's identity block (number, dates, approver).</summary>
    public ILocator Identity => Page.Locator("[data-identitas-sop]");
    public ILocator Approver => Identity.Locator("[data-pengesah]");
    public ILocator Date(string key) => Identity.Locator($"[data-tanggal='{key}']");

    /// <summary>A header section (Dasar Hukum, Kualifikasi Pelaksana, ...) by its heading.</summary>
    public ILocator Section(string title) => Page.GetByRole(AriaRole.Region, new() { Name = title, Exact = true });

    /// <summary>One step's row of the SOP table, by its number.</summary>
    public ILocator Step(int number) => Page.Locator("table[data-langkah-sop] tbody tr").Nth(number - 1);
    public ILocator ActorOf(int number) => Step(number).Locator("[data-pelaksana]");
    public ILocator KeteranganOf(int number) => Step(number).Locator("[data-keterangan]");
    public ILocator StepsTable => Page.Locator("table[data-langkah-sop]");

    public Task SaveAsync() => NavigateByAsync(() => SaveButton.ClickAsync());
}
