using DocSign.Testing.SamplePdfs;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// Lumajang's SOP from the Bappeda's circular, in the browser: the Staf Penerima Surat records it in the surat masuk
/// register with its scan, the Camat writes the disposisi to the Kasubbag Keuangan, who sees it among his tasks and
/// starts the SOP from the letter; the document then starts at step 2 with step 1 done by the receipt, linked to the
/// letter. Each new screen is shot at 1366 and at 390 px (where nothing may be wider than the screen).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IncomingLetterScreensTests(DocSignServer server)
{
    private const string Number = "050/245/427.50/2025";

    [Fact]
    public async Task The_Bappeda_circular_is_registered_given_a_disposisi_and_starts_Lumajangs_SOP()
    {
        await using var staf = await server.NewSessionAsync("surat-masuk-staf");
        await staf.SignInAsAsync("staf.lumajang");
        var register = new SuratMasukPage(staf);
        await register.GotoRegisterAsync("lumajang");
        register.LastStatus.ShouldBe(200);
        await register.RegisterAsync(Number, "2025-01-06", "Bappeda Kabupaten Lumajang (contoh)",
            "Penyusunan Pengukuran Kinerja SKPD Tahun 2025", "2025-01-08", "Segera", SamplePdfs.OnePage("Surat edaran Bappeda (contoh)"));
        register.LastStatus.ShouldBe(200);
        await Assertions.Expect(register.Notice).ToContainTextAsync($"Surat masuk {Number}");
        await Assertions.Expect(register.Details).ToContainTextAsync("Bappeda Kabupaten Lumajang");
        await Assertions.Expect(register.Details).ToContainTextAsync("Segera");
        var letterId = register.LetterId;
        await register.GotoRegisterAsync("lumajang");
        await Assertions.Expect(register.RegisterRows.Filter(new() { HasText = Number })).ToHaveCountAsync(1);
        await ShootBothAsync(staf, "register");

        // Another office's staff learn nothing of it.
        await using var other = await server.NewSessionAsync("surat-masuk-lain");
        await other.SignInAsAsync("staf.kanigaran");
        var hidden = new SuratMasukPage(other);
        await hidden.GotoLetterAsync(letterId);
        hidden.LastStatus.ShouldBe(404);

        await using var camat = await server.NewSessionAsync("surat-masuk-camat");
        await camat.SignInAsAsync("camat.lumajang");
        var letter = new SuratMasukPage(camat);
        await letter.GotoLetterAsync(letterId);
        await letter.WriteDisposisiAsync("Kasubbag Keuangan dan Program", "Tindak lanjuti: susun pengukuran kinerja 2025", "2025-01-20");
        await Assertions.Expect(letter.Notice).ToContainTextAsync("Disposisi 1 tersimpan");
        await Assertions.Expect(letter.DisposisiRows).ToHaveCountAsync(1);
        await Assertions.Expect(letter.DisposisiRows.First).ToContainTextAsync("Kasubbag Keuangan dan Program");
        await ShootBothAsync(camat, "surat-disposisi");

        await using var kasubbag = await server.NewSessionAsync("surat-masuk-kasubbag");
        var dashboard = await kasubbag.SignInAsAsync("kasubbag-program.lumajang");
        var mine = kasubbag.Page.GetByRole(AriaRole.Table, new() { Name = "Disposisi untuk saya" });
        await Assertions.Expect(mine).ToContainTextAsync(Number);
        await Assertions.Expect(mine).ToContainTextAsync("susun pengukuran kinerja 2025");
        await ShootBothAsync(kasubbag, "dasbor-disposisi");

        var mulai = new SuratMasukPage(kasubbag);
        await mulai.GotoLetterAsync(letterId);
        var document = await mulai.StartSopAsync("Pengukuran Kinerja Kecamatan Lumajang 2025", "2025", "Pengukuran kinerja");
        mulai.LastStatus.ShouldBe(200);
        var documentId = document.Id;
        await Assertions.Expect(document.Heading).ToHaveTextAsync("Pengukuran Kinerja Kecamatan Lumajang 2025");
        await Assertions.Expect(document.VersionRows).ToHaveCountAsync(0);
        (await document.StepStatusAsync(1)).ShouldBe("done");
        (await document.StepStatusAsync(2)).ShouldBe("current");
        await Assertions.Expect(kasubbag.Page.Locator("[data-asal-surat]")).ToContainTextAsync(Number);
        await Assertions.Expect(kasubbag.Page.Locator("[data-perintah]")).ToContainTextAsync("susun pengukuran kinerja 2025");
        await ShootBothAsync(kasubbag, "dokumen-dari-surat");

        // Linked back from the letter; the disposisi left the tasks.
        await mulai.GotoLetterAsync(letterId);
        await Assertions.Expect(mulai.SopLink).ToHaveAttributeAsync("href", $"/dokumen/{documentId}");
        await Assertions.Expect(kasubbag.Page.Locator("[data-mulai-sop]")).ToHaveCountAsync(0);
        await dashboard.GotoAsync();
        await Assertions.Expect(kasubbag.Page.Locator("[data-disposisi-saya]")).ToHaveCountAsync(0);
        staf.BrowserErrors.ShouldBeEmpty();
        camat.BrowserErrors.ShouldBeEmpty();
        kasubbag.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_document_started_from_the_order_has_no_file_and_the_new_form_fits_a_phone()
    {
        await using var staf = await server.NewSessionAsync("perintah-baru");
        var dashboard = await staf.SignInAsAsync("staf.candipuro");
        var form = await dashboard.StartNewDocumentAsync();
        await ShootBothAsync(staf, "dokumen-baru");
        var document = await form.StartFromOrderAsync("Laporan Kinerja Kecamatan Candipuro 2025", "Kumpulkan data kinerja 2025", year: "2025", kind: "laporan-kinerja");
        await Assertions.Expect(document.Heading).ToHaveTextAsync("Laporan Kinerja Kecamatan Candipuro 2025");
        await Assertions.Expect(staf.Page.Locator("[data-tanpa-versi]")).ToBeVisibleAsync();
        await ShootBothAsync(staf, "dokumen-tanpa-berkas");
        staf.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_signed_document_offers_its_sealed_hand_off_package_to_download()
    {
        await using var staf = await server.NewSessionAsync("paket-staf");
        var dashboard = await staf.SignInAsAsync("staf.kanigaran");
        var created = await (await dashboard.StartNewDocumentAsync()).CreateAsync("Laporan contoh untuk paket serah terima", SamplePdfs.MultiPageText(2),
            year: "2025", kind: "laporan");
        var id = created.Id;
        await Assertions.Expect(staf.Page.Locator("[data-paket]")).ToHaveCountAsync(0);   // nothing signed yet
        await created.UploadVersionAsync("Final", SamplePdfs.MultiPageText(3), "Final", "final.pdf");
        // The generic route: the Sekcam puts the staff's final to the Camat.
        await using var sekcam = await server.NewSessionAsync("paket-sekcam");
        await sekcam.SignInAsAsync("sekcam.kanigaran");
        var submitted = new DocumentPage(sekcam);
        await submitted.GotoAsync(id);
        await submitted.SubmitToCamatAsync();
        await Assertions.Expect(submitted.Notice).ToContainTextAsync("diajukan kepada Camat");

        await using var camat = await server.NewSessionAsync("paket-camat");
        await camat.SignInAsAsync("camat.kanigaran");
        var document = new DocumentPage(camat);
        var signing = new PenandatangananPage(camat);
        await signing.GotoAsync(id);   // a document outside any SOP: the signing page is reached directly
        signing.LastStatus.ShouldBe(200);
        await signing.WaitForViewerAsync();
        await signing.SignAsync(SopWalk.Passphrase);
        await Assertions.Expect(signing.Verdict).ToHaveAttributeAsync("data-putusan", "VALID");

        await document.GotoAsync(id);
        await Assertions.Expect(camat.Page.Locator("[data-paket]")).ToBeVisibleAsync();
        var download = await camat.Page.RunAndWaitForDownloadAsync(() => camat.Page.Locator("[data-unduh-paket]").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".zip");
        await using (var zip = File.OpenRead(await download.PathAsync()))
        {
            using var archive = new System.IO.Compression.ZipArchive(zip);
            archive.Entries.Select(e => e.FullName).ShouldContain("manifest.json");
            archive.Entries.Select(e => e.FullName).ShouldContain("manifest-segel.pdf");
        }
        await camat.Page.Locator("[data-paket]").ScrollIntoViewIfNeededAsync();
        // The document page with a signed version (its viewer) is older than this change and not yet fitted to 390 px.
        await ShootBothAsync(camat, "paket-serah-terima", mustFit: false);
        camat.BrowserErrors.ShouldBeEmpty();
    }

    /// <summary>Shoots the page at 1366 px and at 390 px, where the page may not be wider than the screen.</summary>
    internal static async Task ShootBothAsync(UiSession session, string name, bool mustFit = true)
    {
        await session.Page.SetViewportSizeAsync(1366, 900);
        await session.ScreenshotAsync(name + "-1366");
        await session.Page.SetViewportSizeAsync(390, 844);
        var wider = await session.Page.EvaluateAsync<string>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390.5)" +
            ".map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right)).slice(0, 8).join(' ')");
        if (mustFit) (await session.Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, wider);
        await session.ScreenshotAsync(name + "-390");
        await session.Page.SetViewportSizeAsync(1280, 900);
    }
}
