using System.Security.Cryptography;
using DocSign.Testing.SamplePdfs;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// One document walked through an office's SOP in the browser, each step by the demo user who holds it
/// (<c>&lt;role&gt;.&lt;office&gt;</c>), each user in his own browser context, signed in once. Every action
/// checks what the screen then says; the key screens are saved as screenshots.
/// </summary>
public sealed class SopWalk(DocSignServer server, string office) : IAsyncDisposable
{
    public const string Passphrase = "sample";

    private readonly Dictionary<string, UiSession> _sessions = new();
    private readonly string _scenario = "sop-" + office;
    private int _uploads;

    public Guid DocumentId { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>The document page as <paramref name="role"/> of this office sees it now.</summary>
    public async Task<DocumentPage> AsAsync(string role)
    {
        var session = await SessionAsync(role);
        var page = new DocumentPage(session);
        await page.GotoAsync(DocumentId);
        page.LastStatus.ShouldBe(200);
        return page;
    }

    /// <summary>Office staff start the LKjIP from the order, with no file; its SOP starts at step 1 and no version exists yet.</summary>
    public async Task CreateAsync(string role, string title)
    {
        var session = await SessionAsync(role);
        var dashboard = new DashboardPage(session);
        await dashboard.GotoAsync();
        var instruction = $"Susun {title} sesuai SOP kantor";
        var document = await (await dashboard.StartNewDocumentAsync()).StartFromOrderAsync(title, instruction, year: "2025");
        await Assertions.Expect(document.Heading).ToHaveTextAsync(title);
        await Assertions.Expect(session.Page.Locator("[data-perintah]")).ToHaveTextAsync(instruction);
        await Assertions.Expect(document.VersionRows).ToHaveCountAsync(0);
        DocumentId = document.Id;
        Title = title;
        (await document.StepStatusAsync(1)).ShouldBe("current");
        await document.ScreenshotAsync("dimulai-tanpa-berkas");
    }

    /// <summary>The step's holder marks it done; the timeline then shows it done and the next one running.</summary>
    public async Task CompleteAsync(int step, string role, string note)
    {
        var page = await AsAsync(role);
        await Assertions.Expect(page.MyTask).ToContainTextAsync($"langkah {step}");
        await page.CompleteStepAsync(step, note);
        await ExpectDoneAsync(page, step);
    }

    /// <summary>The holder uploads a version of the given stage ("Draf", "Koreksi", "Final"), then completes the step.</summary>
    public async Task UploadAndCompleteAsync(int step, string role, string stage, string note)
    {
        await UploadAsync(role, stage, note);
        await CompleteAsync(step, role, note);
    }

    public async Task<int> UploadAsync(string role, string stage, string note)
    {
        var page = await AsAsync(role);
        var before = await page.VersionRows.CountAsync();
        var pdf = stage == "Final" ? SamplePdfs.MultiPageText(3) : SamplePdfs.OnePage($"{Title}: {stage} {++_uploads}");
        await page.UploadVersionAsync(stage, pdf, note, $"{stage.ToLowerInvariant()}-{_uploads}.pdf");
        await Assertions.Expect(page.Notice).ToContainTextAsync($"({stage}) tersimpan");
        await Assertions.Expect(page.VersionRows).ToHaveCountAsync(before + 1);
        (await page.Sha256Of(before + 1)).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        return before + 1;
    }

    /// <summary>The holder sends the document back one step with a reason (the Sekcam returns a draft).</summary>
    public async Task ReturnAsync(int step, string role, string reason)
    {
        var page = await AsAsync(role);
        await page.ReturnStepAsync(step, reason);
        await Assertions.Expect(page.Notice).ToContainTextAsync("dikembalikan");
        (await page.StepStatusAsync(step - 1)).ShouldBe("current");
        (await page.StepStatusAsync(step)).ShouldBe("pending");
    }

    /// <summary>Kanigaran's LKjIP walked from the order to its sign step (7): disposisi, format, data, draft, koreksi, final submitted.</summary>
    public async Task ToKanigaranSignStepAsync(string title)
    {
        await CreateAsync("kasubbag-program", title);
        await CompleteAsync(1, "camat", "Disposisi");
        await CompleteAsync(2, "kasubbag-program", "Format data");
        await CompleteAsync(3, "kasi", "Data");
        await UploadAndCompleteAsync(4, "staf", "Draf", "Draft");
        await UploadAndCompleteAsync(5, "sekcam", "Koreksi", "Koreksi");
        await SubmitFinalAsync(6, "kasubbag-program");
    }

    /// <summary>The SOP's role uploads the final version (unless <paramref name="final"/>, already uploaded and reviewed) and puts it to the Camat.</summary>
    public async Task SubmitFinalAsync(int step, string role, int? final = null)
    {
        final ??= await UploadAsync(role, "Final", "Versi final untuk ditandatangani");
        var page = await AsAsync(role);
        await page.SubmitToCamatAsync("Mohon ditandatangani");
        await Assertions.Expect(page.Notice).ToContainTextAsync($"Versi final {final} diajukan kepada Camat");
        await ExpectDoneAsync(page, step);
        await page.ScreenshotAsync("diajukan");
    }

    /// <summary>
    /// The Camat sees his task, opens Penandatanganan (screenshot before), types a wrong passphrase (a message,
    /// nothing stored), clicks where the stamp goes, signs (screenshot after: VALID). Returns the signed bytes and
    /// the public page's address.
    /// </summary>
    public async Task<(byte[] Signed, int Version, string PublicPath)> SignAsync(int step)
    {
        var session = await SessionAsync("camat");
        var dashboard = new DashboardPage(session);
        await dashboard.GotoAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Table, new() { Name = "Tugas saya" })).ToContainTextAsync(Title);
        await dashboard.ScreenshotAsync("dasbor-camat");

        var document = await AsAsync("camat");
        var versionsBefore = await document.VersionRows.CountAsync();
        await document.ScreenshotAsync("halaman-dokumen");
        var signing = await document.OpenSigningAsync();
        await signing.WaitForViewerAsync();
        await Assertions.Expect(signing.StampBox).ToHaveCountAsync(1);   // the default place, drawn on the last page
        var (defaultPage, _, _, _, _) = await signing.BoxAsync();
        defaultPage.ShouldBe(3);
        await signing.ScreenshotAsync("penandatanganan-sebelum");

        await signing.SignAsync("bukan-passphrase");
        signing.LastStatus.ShouldBe(400);
        await Assertions.Expect(signing.Alert).ToContainTextAsync("Passphrase salah");
        var check = await AsAsync("camat");
        await Assertions.Expect(check.VersionRows).ToHaveCountAsync(versionsBefore);

        signing = await check.OpenSigningAsync();
        await signing.WaitForViewerAsync();
        await signing.ClickOnPageAsync(2, 0.45, 0.6);
        var box = await signing.BoxAsync();
        box.Page.ShouldBe(2);
        box.X.ShouldBeInRange(595 * 0.45 - 3, 595 * 0.45 + 3);
        (box.Y + box.Height).ShouldBeInRange(842 * 0.4 - 3, 842 * 0.4 + 3);
        await signing.SignAsync(Passphrase);
        await Assertions.Expect(signing.Result).ToBeVisibleAsync();
        await Assertions.Expect(signing.Verdict).ToHaveAttributeAsync("data-putusan", "VALID");
        await signing.WaitForViewerAsync();
        await signing.ScreenshotAsync("penandatanganan-sesudah");

        var signedVersion = versionsBefore + 1;
        var response = await session.Context.APIRequest.GetAsync($"/api/documents/{DocumentId}/versions/{signedVersion}/content");
        response.Status.ShouldBe(200);
        var signed = await response.BodyAsync();
        var publicPath = new Uri(new Uri(server.BaseUrl), await signing.PublicLink.GetAttributeAsync("href")).AbsolutePath;

        var after = await AsAsync("camat");
        (await after.StepStatusAsync(step)).ShouldBe("done");
        await Assertions.Expect(after.Version(signedVersion)).ToContainTextAsync("Ditandatangani");
        session.BrowserErrors.ShouldBeEmpty();
        return (signed, signedVersion, publicPath);
    }

    /// <summary>Anyone with the QR code: the public page without sign-in, a copy compared, the content never served.</summary>
    public async Task CheckPublicPageAsync(string publicPath, byte[] signed)
    {
        await using var visitor = await server.NewSessionAsync(_scenario + "-publik");
        var page = new PublicVerificationPage(visitor);
        await page.GotoAsync(publicPath);
        page.LastStatus.ShouldBe(200);
        await Assertions.Expect(page.Verdict).ToHaveAttributeAsync("data-putusan", "VALID");
        await Assertions.Expect(page.Details).ToContainTextAsync(Title);
        await Assertions.Expect(page.Sha256).ToHaveTextAsync(Convert.ToHexStringLower(SHA256.HashData(signed)));
        await page.ScreenshotAsync("verifikasi-publik");
        await page.CompareAsync(signed);
        await Assertions.Expect(page.Comparison).ToHaveAttributeAsync("data-perbandingan", "Identical");
        var content = await visitor.Context.APIRequest.GetAsync($"/api/documents/{DocumentId}/versions/1/content");
        content.Status.ShouldBe(401);
        visitor.BrowserErrors.ShouldBeEmpty();
    }

    /// <summary>The office's auditor verifies the stored signed version on Verifikasi.</summary>
    public async Task AuditorVerifiesAsync(int signedVersion)
    {
        var document = await AsAsync("auditor");
        var verifikasi = await document.VerifyVersionAsync(signedVersion);
        (await verifikasi.VerdictCodeAsync()).ShouldBe("VALID");
        await Assertions.Expect(verifikasi.SignatureField(1, "Jabatan")).ToContainTextAsync("Camat");
        await verifikasi.ScreenshotAsync("verifikasi-auditor");
    }

    public async Task<UiSession> SessionAsync(string role)
    {
        if (!_sessions.TryGetValue(role, out var session))
        {
            session = await server.NewSessionAsync($"{_scenario}-{role}");
            await session.SignInAsAsync($"{role}.{office}");
            _sessions[role] = session;
        }
        return session;
    }

    private static async Task ExpectDoneAsync(DocumentPage page, int step)
    {
        page.LastStatus.ShouldBe(200);
        await Assertions.Expect(page.Alert).ToHaveCountAsync(0);
        (await page.StepStatusAsync(step)).ShouldBe("done");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values) await session.DisposeAsync();
    }
}
