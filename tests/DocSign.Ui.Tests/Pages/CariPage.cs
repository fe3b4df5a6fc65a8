using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Cari: search by title, year, letter number or signer; results linked to their pages.</summary>
public sealed class CariPage(UiSession session) : PageObject(session)
{
    public ILocator Query => Page.GetByLabel("Kata pencarian");
    public ILocator Year => Page.GetByLabel("Tahun");
    public ILocator SearchButton => Page.GetByRole(AriaRole.Button, new() { Name = "Cari", Exact = true });
    public ILocator Results => Page.Locator("[data-hasil]");
    public ILocator NoResults => Page.Locator("[data-tanpa-hasil]");
    public ILocator Count => Page.Locator("[data-jumlah-hasil]");

    /// <summary>Results of one kind: document, letter or archivecopy.</summary>
    public ILocator ResultsOf(string kind) => Page.Locator($"[data-hasil='{kind}']");

    /// <summary>Opens the search from the menu, as a person would.</summary>
    public async Task OpenFromMenuAsync()
    {
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu utama" }).GetByRole(AriaRole.Link, new() { Name = "Cari", Exact = true }).ClickAsync());
    }

    public async Task SearchAsync(string query, string? year = null)
    {
        await Query.FillAsync(query);
        await Year.FillAsync(year ?? "");
        await NavigateByAsync(() => SearchButton.ClickAsync());
    }
}
