using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Dasbor: the person's roles, documents by stage, and the way to a new document.</summary>
public sealed class DashboardPage(UiSession session) : PageObject(session)
{
    public ILocator SignedInAs => Page.Locator("[data-pengguna]");
    public ILocator NewDocumentLink => Page.GetByRole(AriaRole.Link, new() { Name = "Dokumen baru" });
    public ILocator SignOutButton => Page.GetByRole(AriaRole.Button, new() { Name = "Keluar" });

    /// <summary>The table of one stage ("Draf", "Koreksi", "Final", "Ditandatangani").</summary>
    public ILocator StageTable(string stage) => Page.Locator($"table[aria-labelledby='tahap-{StageId(stage)}']");

    public ILocator DocumentLink(string title) => Page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true });

    public async Task GotoAsync() => await GotoAsync("/");

    public ILocator Tasks => Page.GetByRole(AriaRole.Table, new() { Name = "Tugas saya" });
    public ILocator TaskRow(string title) => Tasks.Locator("tr", new() { HasText = title });
    public ILocator LetterInbox => Page.Locator("[data-kotak-surat]");

    public async Task<NewDocumentPage> StartNewDocumentAsync()
    {
        await NavigateByAsync(() => NewDocumentLink.ClickAsync());
        return new NewDocumentPage(Session);
    }

    public async Task<DocumentPage> OpenDocumentAsync(string title)
    {
        await NavigateByAsync(() => DocumentLink(title).First.ClickAsync());
        return new DocumentPage(Session);
    }

    public async Task<MasukPage> SignOutAsync()
    {
        await NavigateByAsync(() => SignOutButton.ClickAsync());
        return new MasukPage(Session);
    }

    private static string StageId(string stage) => stage switch
    {
        "Draf" => "draft",
        "Koreksi" => "corrected",
        "Final" => "final",
        "Ditandatangani" => "signed",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };
}
