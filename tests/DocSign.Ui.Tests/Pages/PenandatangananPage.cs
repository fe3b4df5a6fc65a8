using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Penandatanganan: the submitted final version, the stamp box (click or default), passphrase, "Tandatangani".</summary>
public sealed class PenandatangananPage(UiSession session) : PageObject(session)
{
    public ILocator Viewer => Page.Locator(".penampil[data-pdf]");
    // The box's fields live in the folded "Atur tempat stempel secara manual" (the stamp itself is dragged).
    public ILocator PageNumber => Page.Locator("#halaman");
    public ILocator X => Page.Locator("#x");
    public ILocator Y => Page.Locator("#y");
    public ILocator Width => Page.Locator("#lebar");
    public ILocator Height => Page.Locator("#tinggi");

    /// <summary>The stamp preview on the viewer (its text, QR square; draggable, focusable).</summary>
    public ILocator Stamp => Page.Locator(".stempel-pratinjau");
    public ILocator StampWhere => Page.Locator("[data-posisi-stempel]");
    public ILocator Step => Page.Locator("[data-langkah]");
    public ILocator PreparedBy => Page.Locator("[data-disiapkan]");
    public ILocator ApprovedBy => Page.Locator("[data-disetujui]");
    public ILocator Strength => Page.Locator("[data-kekuatan]");
    public ILocator Countdown => Page.Locator("[data-tunggu-detik]");

    /// <summary>The page holder <paramref name="page"/> of the viewer.</summary>
    public ILocator PdfPage(int page) => Viewer.Locator($".halaman-pdf[data-halaman='{page}']");
    public ILocator Passphrase => Page.GetByLabel("Passphrase kunci tanda tangan");
    public ILocator SignButton => Page.GetByRole(AriaRole.Button, new() { Name = "Tandatangani" });
    public ILocator ParafButton => Page.GetByRole(AriaRole.Button, new() { Name = "Beri paraf" });
    public ILocator Blocked => Page.Locator("[data-terhalang]");
    public ILocator DefaultPlaceButton => Page.GetByRole(AriaRole.Button, new() { Name = "Gunakan tempat bawaan" });
    public ILocator StampBox => Page.Locator(".kotak-stempel");
    public ILocator Result => Page.Locator("[data-hasil-tanda-tangan]");
    public ILocator Verdict => Result.Locator("[data-putusan]");
    public ILocator PublicLink => Page.Locator("[data-tautan-publik]");

    public async Task WaitForViewerAsync() =>
        await Assertions.Expect(Viewer).ToHaveAttributeAsync("data-halaman-terurai", new System.Text.RegularExpressions.Regex("^[0-9]+$"));

    /// <summary>Clicks page <paramref name="page"/> of the viewer at a fraction of its width and height (from the top-left).</summary>
    public async Task ClickOnPageAsync(int page, double fromLeft, double fromTop)
    {
        var holder = Viewer.Locator($".halaman-pdf[data-halaman='{page}']");
        // The viewer scrolls inside its own box: bring that point of the page to the middle of it first.
        await holder.EvaluateAsync("(h, f) => { const v = h.closest('.penampil'); v.scrollTop = h.offsetTop + f * h.offsetHeight - v.clientHeight / 2; }", fromTop);
        var box = (await holder.BoundingBoxAsync())!;
        await holder.ClickAsync(new LocatorClickOptions { Position = new Position { X = (float)(box.Width * fromLeft), Y = (float)(box.Height * fromTop) } });
    }

    /// <summary>The box as the form will send it.</summary>
    public async Task<(int Page, double X, double Y, double Width, double Height)> BoxAsync() => (
        int.Parse(await PageNumber.InputValueAsync()),
        double.Parse(await X.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture),
        double.Parse(await Y.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture),
        double.Parse(await Width.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture),
        double.Parse(await Height.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture));

    public async Task SignAsync(string passphrase)
    {
        await Passphrase.FillAsync(passphrase);
        await NavigateByAsync(() => SignButton.ClickAsync());
    }

    public async Task ParafAsync(string passphrase)
    {
        await Passphrase.FillAsync(passphrase);
        await NavigateByAsync(() => ParafButton.ClickAsync());
    }

    public ILocator ReturnButton => Page.GetByRole(AriaRole.Button, new() { Name = "Kembalikan dengan catatan" });
    public ILocator ReviewedVersion => Page.Locator("[data-versi-direviu]");

    /// <summary>"Kembalikan dengan catatan" beside "Tandatangani": the note, then the button; the document page follows.</summary>
    public async Task ReturnAsync(string note)
    {
        await Page.GetByLabel("Catatan pengembalian", new() { Exact = false }).FillAsync(note);
        await NavigateByAsync(() => ReturnButton.ClickAsync());
    }

    public Task GotoAsync(Guid documentId, string action = "penandatanganan") => GotoAsync($"/dokumen/{documentId}/{action}");
}
