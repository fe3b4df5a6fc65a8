using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// The signer screens in a browser: a Camat enrols his PKCS#12 (a wrong passphrase refused and never shown back,
/// then as Plt. with his decree); the Sekcam gives the paraf the office asks for before the Camat signs; the admin
/// edits the SOP role mapping. Others are refused and change nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignerScreensTests(DocSignServer server)
{
    private static DateOnly TodayWib => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);

    [Fact]
    public async Task A_Camat_enrols_his_PKCS12_as_Plt_with_his_decree_and_the_passphrase_is_never_shown_back()
    {
        await using var camat = await server.NewSessionAsync("pendaftaran");
        await camat.SignInAsAsync("camat.candipuro");
        // Enrolment lives in the person's profile.
        await camat.Page.RunAndWaitForNavigationAsync(() => camat.Page.GetByRole(AriaRole.Link, new() { Name = "Profil saya" }).ClickAsync());
        await Assertions.Expect(camat.Page.GetByRole(AriaRole.Link, new() { Name = "Daftarkan atau ganti sertifikat" })).ToHaveAttributeAsync("href", "/penanda-tangan");
        var page = new PenandaTanganPage(camat);
        await page.GotoAsync();
        page.LastStatus.ShouldBe(200);
        await Assertions.Expect(page.Key("sign")).ToContainTextAsync("Definitif");
        var p12 = await File.ReadAllBytesAsync(SamplePki.PathOf("camat-candipuro.p12"));

        const string wrong = "bukan-passphrase-yang-benar";
        await page.EnrolAsync(p12, wrong);
        page.LastStatus.ShouldBe(400);
        await Assertions.Expect(page.Alert).ToBeVisibleAsync();
        (await camat.Page.ContentAsync()).ShouldNotContain(wrong);
        (await page.Passphrase.InputValueAsync()).ShouldBeEmpty();
        await Assertions.Expect(page.Key("sign")).ToContainTextAsync("Definitif");

        // Plt. needs the decree and its period.
        await page.EnrolAsync(p12, SamplePki.Passphrase, "Plt. (pelaksana tugas)");
        page.LastStatus.ShouldBe(400);
        await Assertions.Expect(page.Alert).ToContainTextAsync("nomor SK");
        await page.EnrolAsync(p12, SamplePki.Passphrase, "Plt. (pelaksana tugas)", "800/17/427.75/2026", TodayWib.AddDays(-1), TodayWib.AddDays(30));
        page.LastStatus.ShouldBe(200);
        await Assertions.Expect(page.Notice).ToContainTextAsync("terdaftar");
        await Assertions.Expect(page.Key("sign")).ToContainTextAsync("Plt. SK 800/17/427.75/2026");
        await Assertions.Expect(page.Key("sign")).ToContainTextAsync("Camat Candipuro");
        await page.ScreenshotAsync("kunci-plt");

        // Back to the definitive key for the other tests (a new enrolment replaces the old one).
        await page.EnrolAsync(p12, SamplePki.Passphrase);
        await Assertions.Expect(page.Key("sign")).ToContainTextAsync("Definitif");
        await Assertions.Expect(page.Keys.Locator("tbody tr")).ToHaveCountAsync(1);

        // Staff without a signing role: no link, no form, and a post made anyway is refused.
        await using var staf = await server.NewSessionAsync("pendaftaran-staf");
        await staf.SignInAsAsync("staf.candipuro");
        await Assertions.Expect(staf.Page.GetByRole(AriaRole.Link, new() { Name = "Penanda tangan" })).ToHaveCountAsync(0);
        await staf.Page.GotoAsync("/profil");
        await Assertions.Expect(staf.Page.Locator("[data-sertifikat-saya]")).ToHaveCountAsync(0);
        var theirs = new PenandaTanganPage(staf);
        await theirs.GotoAsync();
        theirs.LastStatus.ShouldBe(200);
        await Assertions.Expect(theirs.EnrolButton).ToHaveCountAsync(0);
        (await Forged.PostAsync(staf, "/penanda-tangan", new Dictionary<string, string> { ["kantor"] = "candipuro", ["keperluan"] = "sign", ["passphrase"] = "x" })).ShouldBe(403);
        await theirs.GotoAsync();
        await Assertions.Expect(theirs.Keys).ToHaveCountAsync(0);
        camat.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Where_the_office_asks_for_a_paraf_the_Sekcam_gives_it_on_screen_before_the_Camat_can_sign()
    {
        await ServerSide.SetParafRequiredAsync(server, "kanigaran", true);
        try
        {
            await using var staf = await server.NewSessionAsync("paraf-staf");
            var dashboard = await staf.SignInAsAsync("staf.kanigaran");
            var title = $"Laporan Kegiatan Pelayanan {Guid.NewGuid():N}"[..36];
            var document = await (await dashboard.StartNewDocumentAsync()).CreateAsync(title, SamplePdfs.OnePage(title), year: "2025", kind: "laporan");
            var id = document.Id;
            await document.UploadVersionAsync("Final", SamplePdfs.MultiPageText(2), "Versi final untuk diparaf");
            await Assertions.Expect(document.Notice).ToContainTextAsync("(Final) tersimpan");
            // The generic route: the Sekcam puts the staff's final to the Camat.
            await using var sekcam = await server.NewSessionAsync("paraf-sekcam");
            await sekcam.SignInAsAsync("sekcam.kanigaran");
            var docPage = new DocumentPage(sekcam);
            await docPage.GotoAsync(id);
            await docPage.SubmitToCamatAsync();
            await Assertions.Expect(docPage.Notice).ToContainTextAsync("diajukan kepada Camat");

            await using var camat = await server.NewSessionAsync("paraf-camat");
            await camat.SignInAsAsync("camat.kanigaran");
            var signing = new PenandatangananPage(camat);
            await signing.GotoAsync(id);
            signing.LastStatus.ShouldBe(200);
            await Assertions.Expect(signing.Blocked).ToContainTextAsync("belum diparaf");
            await Assertions.Expect(signing.SignButton).ToHaveCountAsync(0);

            await using var kasi = await server.NewSessionAsync("paraf-kasi");
            await kasi.SignInAsAsync("kasi.kanigaran");
            var notTheirs = new PenandatangananPage(kasi);
            await notTheirs.GotoAsync(id, "paraf");
            await Assertions.Expect(notTheirs.Blocked).ToContainTextAsync("Hanya Sekcam atau Kasubbag");
            await Assertions.Expect(notTheirs.ParafButton).ToHaveCountAsync(0);

            await docPage.GotoAsync(id);
            await Assertions.Expect(sekcam.Page.Locator("[data-paraf]")).ToBeVisibleAsync();
            await sekcam.Page.RunAndWaitForNavigationAsync(() => sekcam.Page.GetByRole(AriaRole.Link, new() { Name = "Buka halaman Paraf" }).ClickAsync());
            var paraf = new PenandatangananPage(sekcam);
            await Assertions.Expect(paraf.Heading).ToHaveTextAsync("Paraf");
            await paraf.WaitForViewerAsync();
            await paraf.ScreenshotAsync("paraf-sebelum");
            await paraf.ParafAsync("bukan-passphrase");
            paraf.LastStatus.ShouldBe(400);
            await Assertions.Expect(paraf.Alert).ToContainTextAsync("Passphrase salah");
            await paraf.GotoAsync(id, "paraf");
            await paraf.WaitForViewerAsync();
            await paraf.ParafAsync(SamplePki.Passphrase);
            paraf.LastStatus.ShouldBe(200);
            await Assertions.Expect(paraf.Result).ToContainTextAsync("Dokumen telah diparaf: versi 3");
            await Assertions.Expect(paraf.Verdict).ToHaveAttributeAsync("data-putusan", "VALID");
            await paraf.WaitForViewerAsync();
            await paraf.ScreenshotAsync("paraf-sesudah");

            // The Camat now has the form to sign the paraf'd version.
            await signing.GotoAsync(id);
            await Assertions.Expect(signing.Blocked).ToHaveCountAsync(0);
            await Assertions.Expect(signing.SignButton).ToBeVisibleAsync();
            sekcam.BrowserErrors.ShouldBeEmpty();
        }
        finally
        {
            await ServerSide.SetParafRequiredAsync(server, "kanigaran", false);
        }
    }

    [Fact]
    public async Task The_admin_edits_the_SOP_role_mapping_on_screen_and_an_office_member_cannot()
    {
        await using var admin = await server.NewSessionAsync("pemetaan");
        await admin.SignInAsAsync("admin");
        var sop = new SopPage(admin);
        await sop.GotoAsync("lumajang");
        sop.LastStatus.ShouldBe(200);
        await Assertions.Expect(sop.EditForm).ToBeVisibleAsync();
        var role = await sop.FirstSopRoleAsync();
        var users = await sop.UsersOf(role).InputValueAsync();
        var shownBefore = await sop.MappingRow(role).InnerTextAsync();

        await sop.UsersOf(role).FillAsync(string.IsNullOrWhiteSpace(users) ? "staf.lumajang" : users + ", staf.lumajang");
        await sop.SaveAsync();
        sop.LastStatus.ShouldBe(200);
        await Assertions.Expect(sop.Notice).ToContainTextAsync("tersimpan");
        await Assertions.Expect(sop.MappingRow(role)).ToContainTextAsync("staf.lumajang");
        await sop.ScreenshotAsync("pemetaan-diubah");

        // An office member reads the mapping but cannot change it, even by posting the form himself.
        await using var sekcam = await server.NewSessionAsync("pemetaan-sekcam");
        await sekcam.SignInAsAsync("sekcam.lumajang");
        var read = new SopPage(sekcam);
        await read.GotoAsync("lumajang");
        read.LastStatus.ShouldBe(200);
        await Assertions.Expect(read.EditForm).ToHaveCountAsync(0);
        var shown = await read.MappingRow(role).InnerTextAsync();
        (await Forged.PostAsync(sekcam, "/sop/lumajang?handler=Pemetaan", new Dictionary<string, string>
        {
            ["baris[0].peran"] = role, ["baris[0].pengguna"] = "sekcam.lumajang",
        })).ShouldBe(403);
        await Assertions.Expect(read.Alert).ToContainTextAsync("Hanya admin");
        await read.GotoAsync("lumajang");
        (await read.MappingRow(role).InnerTextAsync()).ShouldBe(shown);

        // Back to the mapping as it was.
        await sop.GotoAsync("lumajang");
        await sop.UsersOf(role).FillAsync(users);
        await sop.SaveAsync();
        (await sop.MappingRow(role).InnerTextAsync()).ShouldBe(shownBefore);
        admin.BrowserErrors.ShouldBeEmpty();
    }
}
