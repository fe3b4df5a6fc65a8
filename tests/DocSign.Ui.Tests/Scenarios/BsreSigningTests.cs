using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using DocSign.BsreEmulator;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;
using DocSign.Validation;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// The Camat of Lumajang signs through BSrE (the emulator) in the browser: one LKjIP with NIK and passphrase on the
/// Penandatanganan screen, and a batch of five with one passphrase on the Tanda Tangan Massal screen, the third spoilt by
/// the emulator on purpose. Screenshots on a desktop and on a 390 px phone.
/// </summary>
[Collection(BsreBrowserCollection.Name)]
public sealed class BsreSigningTests(BsreBrowserServer server)
{
    /// <summary>A Lumajang document put to the Camat (latest version final), made through the API as staff and Sekcam do.</summary>
    private async Task<Guid> FinalDocumentAsync(string title)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var staff = ApiRequests.Bearer(new HttpClient { BaseAddress = new Uri(server.BaseUrl) }, await ApiRequests.DemoTokenAsync(http, "staf.lumajang"));
        var created = await staff.PostAsync("/api/documents", ApiRequests.PdfForm(SamplePdfs.MultiPageText(2),
            ("office", "lumajang"), ("year", "2025"), ("kind", "laporan"), ("title", title)));
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var sekcam = ApiRequests.Bearer(new HttpClient { BaseAddress = new Uri(server.BaseUrl) }, await ApiRequests.DemoTokenAsync(http, "sekcam.lumajang"));
        var final = SamplePdfs.MultiPageText(2).Concat(Encoding.ASCII.GetBytes($"% final {Guid.NewGuid():N}\n")).ToArray();
        (await sekcam.PostAsync($"/api/documents/{id}/versions", ApiRequests.PdfForm(final, ("stage", "final"), ("note", "Final")))).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>The newest version of a document as an auditor downloads it, checked by DocSign's verifier against the sample roots.</summary>
    private async Task<VerificationReport> VerifyLatestAsync(Guid id)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var auditor = ApiRequests.Bearer(new HttpClient { BaseAddress = new Uri(server.BaseUrl) }, await ApiRequests.DemoTokenAsync(http, "auditor.lumajang"));
        var doc = JsonDocument.Parse(await auditor.GetStringAsync($"/api/documents/{id}")).RootElement;
        var latest = doc.GetProperty("versions").EnumerateArray().Max(v => v.GetProperty("number").GetInt32());
        var bytes = await auditor.GetByteArrayAsync($"/api/documents/{id}/versions/{latest}/content");
        X509Certificate2Collection anchors = [SamplePki.Root(), X509CertificateLoader.LoadCertificateFromFile(Path.Combine(BsreBrowserServer.PkiDirectory, "root.pem"))];
        return await new PdfSignatureVerifier().VerifyAsync(new MemoryStream(bytes), new VerificationOptions { TrustAnchors = anchors });
    }

    private async Task<string> LatestStageAsync(Guid id)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var auditor = ApiRequests.Bearer(new HttpClient { BaseAddress = new Uri(server.BaseUrl) }, await ApiRequests.DemoTokenAsync(http, "auditor.lumajang"));
        var doc = JsonDocument.Parse(await auditor.GetStringAsync($"/api/documents/{id}")).RootElement;
        return doc.GetProperty("versions").EnumerateArray().MaxBy(v => v.GetProperty("number").GetInt32()).GetProperty("stage").GetString()!;
    }

    private static async Task ShouldFitAPhoneAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, "the page must not scroll sideways at 390 px");
        foreach (var button in await page.Locator(".massal button:visible, .massal .tombol:visible").AllAsync())
        {
            var box = (await button.BoundingBoxAsync())!;
            box.Height.ShouldBeGreaterThanOrEqualTo(44, await button.InnerTextAsync());
        }
    }

    [Fact]
    public async Task The_camat_signs_one_lkjip_through_bsre_with_nik_and_passphrase()
    {
        var title = $"LKjIP Kecamatan Lumajang 2025 ({Guid.NewGuid().ToString("N")[..6]})";
        var id = await FinalDocumentAsync(title);
        await using var camat = await server.NewSessionAsync("bsre-satu");
        await camat.SignInAsAsync("camat.lumajang");
        var page = new PenandatangananPage(camat);
        await page.GotoAsync(id);
        await page.WaitForViewerAsync();
        await page.ScreenshotAsync("sebelum");
        await page.SignAsync(BsreBrowserServer.Passphrase);
        await Assertions.Expect(page.Verdict).ToHaveAttributeAsync("data-putusan", "VALID");
        await page.ScreenshotAsync("sesudah");
        await camat.Page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync("sesudah-ponsel");

        var report = await VerifyLatestAsync(id);
        report.Verdict.ShouldBe(Verdict.Valid);
        report.Signatures.ShouldHaveSingleItem().Signer!.Name.ShouldBe("Bambang Setiadi");
        camat.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Five_documents_with_one_passphrase_the_spoilt_one_is_named_and_the_other_four_are_valid()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var titles = Enumerable.Range(1, 5).Select(i => $"Laporan Kinerja Seksi {i} ({run})").ToList();
        var ids = new List<Guid>();
        foreach (var t in titles) ids.Add(await FinalDocumentAsync(t));

        await using var camat = await server.NewSessionAsync("bsre-massal");
        var dashboard = await camat.SignInAsAsync("camat.lumajang");
        await dashboard.ScreenshotAsync("dasbor");
        await camat.Page.GetByRole(AriaRole.Link, new() { Name = "Tanda tangan massal: semua yang menunggu tanda tangan Anda" }).ClickAsync();
        var massal = new TandaTanganMassalPage(camat);
        foreach (var t in titles) await Assertions.Expect(massal.Box(t)).ToBeVisibleAsync();
        await massal.ScreenshotAsync("daftar");

        // He looks through one of them on screen before signing (it opens beside the list).
        var viewer = await camat.Context.RunAndWaitForPageAsync(() => massal.ViewLink(titles[0]).ClickAsync());
        await Assertions.Expect(viewer.Locator(".penampil[data-pdf]")).ToHaveAttributeAsync("data-halaman-terurai", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        await viewer.CloseAsync();

        // The emulator spoils the third file of the bulk call (one byte changed inside its signed revision).
        server.Emulator.Fault = Fault.AlterByte;
        server.Emulator.FaultFile = 3;
        var calls = server.Emulator.State.SigningCalls;
        // BSrE holds its answer until the bar has shown the batch's state on the server: real progress, not an animation.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Emulator.State.Hold = () => release.Task;
        try
        {
            await massal.SignAsync(titles, BsreBrowserServer.Passphrase, async () =>
            {
                // The bar draws the batch's state on the server: BSrE is still holding its answer, nothing is finished yet.
                await Assertions.Expect(massal.Progress).ToBeVisibleAsync();
                await Assertions.Expect(massal.ProgressText).ToHaveTextAsync("Menunggu layanan tanda tangan: 0 dari 5 dokumen selesai.");
                await massal.ScreenshotAsync("kemajuan");
                release.SetResult();
            });
        }
        finally
        {
            release.TrySetResult();
            server.Emulator.State.Hold = null;
            server.Emulator.Fault = Fault.None;
            server.Emulator.FaultFile = null;
        }
        (server.Emulator.State.SigningCalls - calls).ShouldBe(1, "one BSrE call for the five");

        await Assertions.Expect(massal.Signed).ToHaveCountAsync(4);
        await Assertions.Expect(massal.Failed).ToHaveCountAsync(1);
        await Assertions.Expect(massal.Failed).ToContainTextAsync(titles[2]);
        await Assertions.Expect(massal.Failed).ToContainTextAsync("tidak VALID");
        // The failed one is still waiting for him; the four are not.
        await Assertions.Expect(massal.Box(titles[2])).ToBeVisibleAsync();
        foreach (var i in new[] { 0, 1, 3, 4 }) await Assertions.Expect(massal.Box(titles[i])).ToHaveCountAsync(0);
        await massal.ScreenshotAsync("hasil");
        await camat.Page.SetViewportSizeAsync(390, 844);
        await ShouldFitAPhoneAsync(camat.Page);
        await massal.ScreenshotAsync("hasil-ponsel");

        foreach (var i in new[] { 0, 1, 3, 4 })
        {
            var report = await VerifyLatestAsync(ids[i]);
            report.Verdict.ShouldBe(Verdict.Valid, titles[i]);
            report.Signatures.ShouldHaveSingleItem().Signer!.Name.ShouldBe("Bambang Setiadi");
        }
        (await LatestStageAsync(ids[2])).ShouldBe("final", "nothing stored for the spoilt one: its latest version is still the final put to him");
        camat.BrowserErrors.ShouldBeEmpty();
    }
}
