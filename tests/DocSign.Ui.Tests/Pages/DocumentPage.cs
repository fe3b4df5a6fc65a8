using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>The document page: versions (stage, author, time, size, SHA-256), upload, download, the PDF view.</summary>
public sealed class DocumentPage(UiSession session) : PageObject(session)
{
    public ILocator VersionTable => Page.GetByRole(AriaRole.Table, new() { Name = "Versi dokumen" });
    public ILocator VersionRows => VersionTable.Locator("tbody tr");
    public ILocator Version(int number) => VersionTable.Locator($"tr[data-versi='{number}']");
    public ILocator UploadStage => Page.GetByLabel("Tahap");
    public ILocator UploadFile => Page.GetByLabel("Berkas PDF");
    public ILocator UploadNote => Page.GetByLabel("Catatan");
    public ILocator UploadButton => Page.GetByRole(AriaRole.Button, new() { Name = "Unggah versi" });
    public ILocator Viewer => Page.Locator(".penampil[data-pdf]");
    public ILocator ViewerStatus => Page.Locator("[data-status-penampil]");
    public ILocator ViewerPages => Viewer.GetByRole(AriaRole.Img);

    /// <summary>The document's id, from the address.</summary>
    public Guid Id => Guid.Parse(new Uri(Page.Url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[1]);

    public Task GotoAsync(Guid id, int? version = null) => GotoAsync(version is null ? $"/dokumen/{id}" : $"/dokumen/{id}?versi={version}");

    public async Task<string> Sha256Of(int number) => (await Version(number).Locator("[data-sha256]").InnerTextAsync()).Trim();

    /// <summary>Uploads the next version: stage label as shown ("Draf", "Koreksi", "Final").</summary>
    public async Task UploadVersionAsync(string stageLabel, byte[] pdf, string? note = null, string fileName = "versi.pdf")
    {
        await UploadStage.SelectOptionAsync(new SelectOptionValue { Label = stageLabel });
        await UploadFile.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = pdf });
        if (note is not null) await UploadNote.FillAsync(note);
        await NavigateByAsync(() => UploadButton.ClickAsync());
    }

    /// <summary>Clicks "Unduh" of a version and returns the bytes the browser saved.</summary>
    public async Task<byte[]> DownloadAsync(int number)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() =>
            Page.GetByRole(AriaRole.Link, new() { Name = $"Unduh versi {number}", Exact = true }).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Waits until pdf.js has drawn every page; returns the number of pages drawn.</summary>
    public async Task<int> WaitForViewerAsync()
    {
        await Assertions.Expect(Viewer).ToHaveAttributeAsync("data-halaman-terurai", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        return int.Parse((await Viewer.GetAttributeAsync("data-halaman-terurai"))!);
    }

    /// <summary>Whether the first page's canvas holds any non-white pixel (pdf.js really drew the text).</summary>
    public Task<bool> FirstPageHasInkAsync() => Page.EvaluateAsync<bool>(@"() => {
        const c = document.querySelector('.penampil canvas');
        if (!c) return false;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) return true;
        return false; }");

    public async Task<VerifikasiPage> VerifyVersionAsync(int number)
    {
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = $"Verifikasi versi {number}", Exact = true }).ClickAsync());
        return new VerifikasiPage(Session);
    }
}
