using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Tanda tangan massal: the waiting documents with a box and a "Lihat" link each, one passphrase, the progress bar, the outcome.</summary>
public sealed class TandaTanganMassalPage(UiSession session) : PageObject(session)
{
    public ILocator Waiting => Page.Locator(".daftar-massal li");
    public ILocator Box(string title) => Page.GetByRole(AriaRole.Checkbox, new() { Name = title });
    public ILocator ViewLink(string title) => Page.GetByRole(AriaRole.Link, new() { Name = "Lihat " + title, Exact = true });
    public ILocator Passphrase => Page.GetByLabel("Passphrase (satu kali untuk semua dokumen yang dicentang)");
    public ILocator SignButton => Page.GetByRole(AriaRole.Button, new() { Name = "Tandatangani yang dicentang" });
    public ILocator Progress => Page.Locator("[data-kemajuan]");
    public ILocator ProgressText => Page.Locator("[data-teks-kemajuan]");
    public ILocator Outcome => Page.Locator("[data-hasil-massal]");
    public ILocator Signed => Outcome.Locator("li[data-status='ditandatangani']");
    public ILocator Failed => Outcome.Locator("li[data-status='gagal']");

    public Task GotoAsync() => GotoAsync("/tanda-tangan-massal");

    /// <summary>
    /// Ticks the documents, types the passphrase once and signs; <paramref name="whileRunning"/> runs while the POST is under way
    /// (the page posts by script and stays, drawing the progress), then the outcome or the refusal replaces the form.
    /// </summary>
    public async Task SignAsync(IEnumerable<string> titles, string passphrase, Func<Task>? whileRunning = null)
    {
        foreach (var title in titles) await Box(title).CheckAsync();
        await Passphrase.FillAsync(passphrase);
        await SignButton.ClickAsync();
        if (whileRunning is not null) await whileRunning();
        await Assertions.Expect(Outcome.Or(Alert)).Not.ToHaveCountAsync(0, new() { Timeout = 60_000 });
    }
}
