using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Verifikasi: upload a PDF or pick a stored version; the verdict, each signature, the report.</summary>
public sealed class VerifikasiPage(UiSession session) : PageObject(session)
{
    public ILocator File => Page.GetByLabel("Berkas PDF");
    public ILocator ResultAs => Page.GetByLabel("Hasil sebagai");
    public ILocator CheckFileButton => Page.GetByRole(AriaRole.Button, new() { Name = "Periksa berkas" });
    public ILocator StoredVersion => Page.GetByLabel("Versi tersimpan");
    public ILocator CheckStoredButton => Page.GetByRole(AriaRole.Button, new() { Name = "Periksa versi" });
    public ILocator Verdict => Page.Locator("[data-putusan]");
    public ILocator Signatures => Page.Locator("table[data-tanda-tangan]");
    public ILocator FileSha256 => Page.Locator("[data-hasil-verifikasi] [data-sha256]");

    public Task GotoAsync() => GotoAsync("/verifikasi");

    /// <summary>The verdict code shown (VALID, INVALID, INDETERMINATE).</summary>
    public async Task<string> VerdictCodeAsync() => (await Verdict.GetAttributeAsync("data-putusan"))!;

    /// <summary>A row of signature <paramref name="index"/> (1-based) by its heading, e.g. "Jabatan".</summary>
    public ILocator SignatureField(int index, string field) =>
        Page.Locator($"table[data-tanda-tangan='{index}'] tr").Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = field, Exact = true }) }).Locator("td");

    public async Task UploadAsync(byte[] pdf, string fileName = "periksa.pdf")
    {
        await File.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = pdf });
        await ResultAs.SelectOptionAsync(new SelectOptionValue { Label = "Tampilkan di halaman ini" });
        await NavigateByAsync(() => CheckFileButton.ClickAsync());
    }

    /// <summary>Uploads and asks for the report as a file ("Laporan HTML (unduh)" or "Laporan PDF (unduh)").</summary>
    public async Task<(string FileName, byte[] Content)> UploadForReportAsync(byte[] pdf, string formatLabel, string fileName = "periksa.pdf")
    {
        await File.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = pdf });
        await ResultAs.SelectOptionAsync(new SelectOptionValue { Label = formatLabel });
        var download = await Page.RunAndWaitForDownloadAsync(() => CheckFileButton.ClickAsync());
        return (download.SuggestedFilename, await ReadAsync(download));
    }

    /// <summary>Clicks one of the report links under a stored version's result.</summary>
    public async Task<(string FileName, byte[] Content)> DownloadReportAsync(string linkName)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true }).ClickAsync());
        return (download.SuggestedFilename, await ReadAsync(download));
    }

    private static async Task<byte[]> ReadAsync(IDownload download)
    {
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
