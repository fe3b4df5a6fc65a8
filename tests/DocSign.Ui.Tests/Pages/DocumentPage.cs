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
    public ILocator UploadNote => Page.GetByLabel("Catatan versi");
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

    // --- the SOP timeline and the current holder's actions ---

    public ILocator Timeline => Page.GetByRole(AriaRole.Table, new() { Name = "Alur SOP" });
    public ILocator Step(int number) => Timeline.Locator($"tr[data-langkah='{number}']");
    public ILocator MyTask => Page.Locator("[data-tugas-saya]");
    public ILocator SopCompleted => Page.Locator("#alur").GetByText("(selesai)");
    public ILocator StepNote => Page.GetByLabel("Catatan langkah");
    public ILocator ReturnReason => Page.GetByLabel("Alasan pengembalian");
    public ILocator SubmitNote => Page.GetByLabel("Catatan pengajuan");

    /// <summary>The status code of a step on the timeline: done, current or pending.</summary>
    public async Task<string> StepStatusAsync(int number) => (await Step(number).GetAttributeAsync("data-status"))!;

    /// <summary>"Selesaikan langkah n" with an optional note; expects the notice.</summary>
    public async Task CompleteStepAsync(int number, string? note = null)
    {
        if (note is not null) await StepNote.FillAsync(note);
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = $"Selesaikan langkah {number}", Exact = true }).ClickAsync());
    }

    /// <summary>"Kembalikan ke langkah n-1" with the reason.</summary>
    public async Task ReturnStepAsync(int number, string reason)
    {
        await ReturnReason.FillAsync(reason);
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = $"Kembalikan ke langkah {number - 1}", Exact = true }).ClickAsync());
    }

    /// <summary>"Ajukan versi final kepada Camat".</summary>
    public async Task SubmitToCamatAsync(string? note = null)
    {
        if (note is not null) await SubmitNote.FillAsync(note);
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Ajukan versi final kepada Camat" }).ClickAsync());
    }

    public async Task<PenandatangananPage> OpenSigningAsync()
    {
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Buka halaman Penandatanganan" }).ClickAsync());
        return new PenandatangananPage(Session);
    }

    // --- review findings (catatan reviu) ---

    public ILocator Finding(int number) => Page.Locator($"li[data-temuan='{number}']");

    public async Task RecordFindingAsync(string text)
    {
        await Page.GetByLabel("Catatan reviu baru").FillAsync(text);
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Simpan catatan reviu" }).ClickAsync());
    }

    public async Task AnswerFindingAsync(int number, int version, string answer)
    {
        await Page.GetByLabel($"Versi perbaikan untuk catatan #{number}").SelectOptionAsync(version.ToString());
        await Page.GetByLabel($"Jawaban untuk catatan #{number}").FillAsync(answer);
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = $"Jawab catatan #{number}", Exact = true }).ClickAsync());
    }

    // --- the signed version as the official one, revisi, returns ---

    public ILocator OfficialVersion => Page.Locator("[data-versi-resmi]");
    public ILocator RevisionRunning => Page.Locator("[data-revisi]");
    public ILocator UploadForm => Page.GetByRole(AriaRole.Button, new() { Name = "Unggah versi" });
    public ILocator ReturnBanner => Page.Locator("[data-dikembalikan]");

    /// <summary>"Mulai revisi" with its reason; the document page follows with a notice (or an error).</summary>
    public async Task StartRevisionAsync(string reason)
    {
        await Page.GetByLabel("Alasan revisi").FillAsync(reason);
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Mulai revisi" }).ClickAsync());
    }
}
