using System.Text.RegularExpressions;
using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>
/// The surat pengantar on the document page (at the SOP step that makes it), and the "beserta surat pengantarnya" tick
/// and its result on the Camat's signing screen.
/// </summary>
public sealed class SuratPengantarPanel(UiSession session) : PageObject(session)
{
    public ILocator Panel => Page.Locator("[data-surat-pengantar]");
    public ILocator MakeButton => Page.GetByRole(AriaRole.Button, new() { Name = "Buat surat pengantar" });
    public ILocator Number => Page.Locator("[data-nomor-pengantar]");
    public ILocator Status => Page.Locator("[data-status-pengantar]");
    public ILocator NumberedBy => Page.Locator("[data-dinomori-oleh]");
    public ILocator OpenLink => Page.Locator("[data-buka-pengantar]");

    /// <summary>On the signing screen: sign the document and then its cover letter with the same passphrase.</summary>
    public ILocator SittingTick => Page.GetByLabel(new Regex("beserta surat pengantarnya"));
    public ILocator SittingResult => Page.Locator("[data-hasil-pengantar]");

    public async Task MakeAsync() => await NavigateByAsync(() => MakeButton.ClickAsync());

    /// <summary>Opens the letter's own page from the panel (or the sitting's result); returns the letter's id.</summary>
    public async Task<(SuratPage Page, Guid Id)> OpenAsync()
    {
        var surat = new SuratPage(Session);
        await NavigateByAsync(() => OpenLink.ClickAsync());
        var id = Guid.Parse(new Uri(Page.Url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[1]);
        return (surat, id);
    }
}
