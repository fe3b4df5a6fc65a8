using DocSign.Core.Access;
using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Testing.Documents;
using DocSign.Testing.SamplePdfs;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// The signed version as the official one, returns and task lists, in the browser, with screenshots on a laptop
/// (1366 x 768) and a phone (390 x 844): a superseding upload refused and a revisi started (the first signature still
/// VALID); the Camat returning a document from the signing screen with its banner on the document and on the receiver's
/// dashboard; the paraf as the Sekcam's task; the Kasubag Umum's inbox.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LockScreensTests(DocSignServer server)
{
    /// <summary>
    /// The same screen at laptop and at phone size (then back to the session's own size). On the phone, <paramref name="mine"/>
    /// (what this work adds to the page: banners, buttons, the inbox) fits the screen's width; the rest of each page is
    /// other work (its tables scroll in their own box, and a PDF viewer re-renders at its own pace).
    /// </summary>
    private static async Task ShootAsync(UiSession session, string name, ILocator mine)
    {
        await session.Page.SetViewportSizeAsync(1366, 768);
        await session.ScreenshotAsync(name + "-laptop");
        await session.Page.SetViewportSizeAsync(390, 844);
        await session.ScreenshotAsync(name + "-ponsel");
        (await mine.CountAsync()).ShouldBeGreaterThan(0, name);
        foreach (var box in await Task.WhenAll((await mine.AllAsync()).Select(l => l.BoundingBoxAsync())))
                (box!.X + box.Width).ShouldBeLessThanOrEqualTo(391, name + ": an element added here is wider than the phone");
        await session.Page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task An_upload_after_signing_is_refused_and_a_revisi_starts_a_new_run_while_the_first_signature_stays_valid()
    {
        var title = $"Laporan Pelayanan {Guid.NewGuid():N}"[..30];
        var id = await SignedDocuments.CreateFinalAsync(server.Services, "kanigaran", title, kind: "laporan");
        await using var staff = await server.NewSessionAsync("kunci-revisi");
        await staff.SignInAsAsync("staf.kanigaran");
        var page = new DocumentPage(staff);
        await page.GotoAsync(id);
        await Assertions.Expect(page.UploadForm).ToBeVisibleAsync();

        // Meanwhile the Camat signs; the clerk's open page still offers the upload, which is refused.
        await SignedDocuments.AddSignedAsync(server.Services, id, "kanigaran", title);
        await page.UploadVersionAsync("Final", SamplePdfs.OnePage(title + " final baru"), "Final baru");
        page.LastStatus.ShouldBe(409);
        await Assertions.Expect(page.Alert).ToContainTextAsync("sudah ditandatangani (versi 2)");
        await Assertions.Expect(page.Alert).ToContainTextAsync("revisi");
        await Assertions.Expect(page.VersionRows).ToHaveCountAsync(2);
        await Assertions.Expect(page.Version(2)).ToContainTextAsync("Ditandatangani");
        await Assertions.Expect(page.OfficialVersion).ToContainTextAsync("Versi resmi: versi 2");
        await Assertions.Expect(page.UploadForm).ToHaveCountAsync(0);   // not offered once signed
        await ShootAsync(staff, "unggah-ditolak", staff.Page.Locator("[role=alert], [data-versi-resmi]"));

        // The dashboard still lists it as signed.
        var dashboard = new DashboardPage(staff);
        await dashboard.GotoAsync();
        await Assertions.Expect(dashboard.StageTable("Ditandatangani")).ToContainTextAsync(title);

        await page.GotoAsync(id);
        await page.StartRevisionAsync("Angka realisasi Bab III salah ketik");
        await Assertions.Expect(page.Notice).ToContainTextAsync("Revisi ke-1 dimulai");
        await Assertions.Expect(page.RevisionRunning).ToContainTextAsync("versi 2");
        await Assertions.Expect(page.UploadForm).ToBeVisibleAsync();
        await page.UploadVersionAsync("Draf", SamplePdfs.OnePage(title + " revisi"), "Perbaikan Bab III");
        await Assertions.Expect(page.VersionRows).ToHaveCountAsync(3);
        await ShootAsync(staff, "revisi-dimulai", page.RevisionRunning);

        // The first signature: still there, still VALID.
        var verifikasi = await page.VerifyVersionAsync(2);
        (await verifikasi.VerdictCodeAsync()).ShouldBe("VALID");
        await ShootAsync(staff, "tanda-tangan-pertama-sah", verifikasi.Verdict);   // (the Verifikasi page's width is another piece of work)
        staff.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_Camat_returns_from_the_signing_screen_with_a_note_and_the_banner_shows_on_the_document_and_the_receivers_dashboard()
    {
        await using var walk = new SopWalk(server, "kanigaran");
        var title = $"LKjIP Kanigaran {Guid.NewGuid():N}"[..28];
        await walk.ToKanigaranSignStepAsync(title);

        var camat = await walk.SessionAsync("camat");
        var signing = new PenandatangananPage(camat);
        await signing.GotoAsync(walk.DocumentId);
        await signing.WaitForViewerAsync();
        await Assertions.Expect(signing.SignButton).ToBeVisibleAsync();
        await Assertions.Expect(signing.ReturnButton).ToBeVisibleAsync();
        // Side by side: the two buttons share a row.
        var sign = (await signing.SignButton.BoundingBoxAsync())!;
        var back = (await signing.ReturnButton.BoundingBoxAsync())!;
        Math.Abs(sign.Y - back.Y).ShouldBeLessThan(4);
        // (The rest of the signing page is another piece of work; here the two choices must fit a phone.)
        await ShootAsync(camat, "penandatanganan-dua-pilihan", camat.Page.Locator(".aksi-berdampingan button"));

        await signing.ReturnAsync("Tabel realisasi anggaran Bab III belum lengkap");
        var document = new DocumentPage(camat);
        await Assertions.Expect(document.Notice).ToContainTextAsync("dikembalikan dengan catatan ke langkah 6");
        await Assertions.Expect(document.ReturnBanner).ToContainTextAsync("Dikembalikan oleh Hendra Wijaya Kusuma, Camat: Tabel realisasi anggaran Bab III belum lengkap");
        (await document.StepStatusAsync(6)).ShouldBe("current");
        await ShootAsync(camat, "dokumen-dikembalikan", document.ReturnBanner);

        var receiver = await walk.SessionAsync("kasubbag-program");
        var dashboard = new DashboardPage(receiver);
        await dashboard.GotoAsync();
        await Assertions.Expect(dashboard.TaskRow(title).Locator("[data-dikembalikan]"))
            .ToContainTextAsync("Dikembalikan oleh Hendra Wijaya Kusuma, Camat: Tabel realisasi anggaran Bab III belum lengkap");
        await ShootAsync(receiver, "dasbor-penerima-dikembalikan", dashboard.TaskRow(title).Locator("[data-dikembalikan]"));

        // Submitted again with a paraf required: the paraf is the Sekcam's task; the Camat's list waits for it.
        await ServerSide.SetParafRequiredAsync(server, "kanigaran", true);
        try
        {
            await walk.SubmitFinalAsync(6, "kasubbag-program");
            var sekcam = await walk.SessionAsync("sekcam");
            var sekcamDashboard = new DashboardPage(sekcam);
            await sekcamDashboard.GotoAsync();
            await Assertions.Expect(sekcamDashboard.TaskRow(title).Locator("[data-tugas-paraf]")).ToContainTextAsync("Beri paraf atas versi final");
            await ShootAsync(sekcam, "dasbor-sekcam-tugas-paraf", sekcamDashboard.TaskRow(title).Locator("td").First);   // (the task table scrolls in its own box on a phone)
            var camatDashboard = new DashboardPage(camat);
            await camatDashboard.GotoAsync();
            await Assertions.Expect(camatDashboard.TaskRow(title)).ToHaveCountAsync(0);
        }
        finally
        {
            await ServerSide.SetParafRequiredAsync(server, "kanigaran", false);
        }
        camat.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_Kasubag_Umum_sees_letters_to_dispatch_and_receipts_to_upload()
    {
        var (toSend, _) = await ServerSide.SignedDocumentAsync(server, "kanigaran", $"Laporan Kotak Surat {Guid.NewGuid():N}"[..32]);
        var waiting = await ServerSide.CoverLetterAsync(server, toSend);
        var (sentDoc, _) = await ServerSide.SignedDocumentAsync(server, "kanigaran", $"Laporan Terkirim {Guid.NewGuid():N}"[..30]);
        var sent = await ServerSide.CoverLetterAsync(server, sentDoc);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var kasubag = new Actor("ui-kasubag", "kasubag-umum.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.KasubagUmum)]);
            await scope.ServiceProvider.GetRequiredService<DispatchLetterHandler>().HandleAsync(kasubag, sent.Id, "Bagian Organisasi Setda", "srikandi");
        }

        await using var session = await server.NewSessionAsync("kotak-surat");
        var dashboard = await session.SignInAsAsync("kasubag-umum.kanigaran");
        await dashboard.GotoAsync();
        await Assertions.Expect(dashboard.LetterInbox.Locator($"[data-surat-kirim='{waiting.Number}']")).ToContainTextAsync("Kirim kepada");
        await Assertions.Expect(dashboard.LetterInbox.Locator($"[data-surat-tanda-terima='{sent.Number}']")).ToContainTextAsync("Unggah tanda terima");
        await ShootAsync(session, "kotak-surat-kasubag-umum", dashboard.LetterInbox);

        // Others do not get the inbox.
        await using var staff = await server.NewSessionAsync("kotak-surat-staf");
        var staffDashboard = await staff.SignInAsAsync("staf.kanigaran");
        await staffDashboard.GotoAsync();
        await Assertions.Expect(staffDashboard.LetterInbox).ToHaveCountAsync(0);
        session.BrowserErrors.ShouldBeEmpty();
    }
}
