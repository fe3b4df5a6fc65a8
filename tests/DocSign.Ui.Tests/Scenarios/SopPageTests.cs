using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// The SOP page shows the seed's whole identity and header (dates, approver as jabatan and office, the six sections
/// with the seed's slips marked) and, per step, whether the actor was read from the SOP or inferred and why, the
/// seed's wording beside a corrected one, the Keterangan column and an added time standard marked as not enforced.
/// Screenshots at 1366 and 390 px wide.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SopPageTests(DocSignServer server)
{
    [Fact]
    public async Task Kanigaran_SOP_page_shows_the_header_sections_and_the_actor_markers_on_a_desktop_and_a_phone()
    {
        await using var session = await server.NewSessionAsync("sop-kepala");
        await session.SignInAsAsync("sekcam.kanigaran");
        var sop = new SopPage(session);
        await sop.GotoAsync("kanigaran");
        sop.LastStatus.ShouldBe(200);

        await Assertions.Expect(sop.Identity).ToContainTextAsync("065/10-2/SOP/425.504/2023");
        await Assertions.Expect(sop.Date("createdOn")).ToContainTextAsync("2 Januari 2023");
        await Assertions.Expect(sop.Date("createdOn")).ToContainTextAsync("tertulis: 02 Januari 2023");
        await Assertions.Expect(sop.Date("approvedOn")).ToContainTextAsync("tidak diisi di SOP");
        await Assertions.Expect(sop.Approver).ToContainTextAsync("Camat Kanigaran Kota Probolinggo");

        await Assertions.Expect(sop.Section("Dasar Hukum")).ToContainTextAsync("Peraturan Presiden RI No 29 Tahun 2014");
        await Assertions.Expect(sop.Section("Dasar Hukum").Locator("[data-keliru]")).ToContainTextAsync("53 Tahun 2014");
        await Assertions.Expect(sop.Section("Peringatan")).ToContainTextAsync("Jika SOP Penyusunan LKjIP tidak dilaksanakan akan mempengaruhi Laporan Kinerja");
        await Assertions.Expect(sop.Section("Keterkaitan")).ToContainTextAsync("Judul di SOP: Keterangan");
        foreach (var title in new[] { "Kualifikasi Pelaksana", "Peralatan/Perlengkapan", "Pencatatan/Pendataan" })
            await Assertions.Expect(sop.Section(title)).ToBeVisibleAsync();

        await Assertions.Expect(sop.ActorOf(1)).ToContainTextAsync("Pelaksana (disimpulkan: Kolom Pelaksana kosong");
        await Assertions.Expect(sop.ActorOf(7)).ToContainTextAsync("Pelaksana (dibaca dari teks SOP:");
        await Assertions.Expect(sop.Step(8)).ToContainTextAsync("penomoran surat, penggandaan");
        await Assertions.Expect(sop.Step(8)).ToContainTextAsync("Tertulis di SOP: \"Membuat surat pengantar, pemomoran surat, pengandaan");

        await session.Page.SetViewportSizeAsync(1366, 900);
        await sop.ScreenshotAsync("sop-kanigaran-1366");
        await session.Page.SetViewportSizeAsync(390, 844);
        // On a phone the page itself never scrolls sideways (a wide table scrolls in its own box).
        (await session.Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390,
            await session.Page.EvaluateAsync<string>("[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')"));
        await Assertions.Expect(sop.Section("Dasar Hukum")).ToBeVisibleAsync();
        await sop.ScreenshotAsync("sop-kanigaran-390");
        // What a phone shows first, and the steps with their markers (viewport shots, to be looked at).
        await ViewportShotAsync(session, "sop-kepala-390-atas");
        await sop.ActorOf(7).ScrollIntoViewIfNeededAsync();
        await ViewportShotAsync(session, "sop-kepala-390-langkah");
        session.BrowserErrors.ShouldBeEmpty();
    }

    private static Task ViewportShotAsync(UiSession session, string name) =>
        session.Page.ScreenshotAsync(new() { Path = Path.Combine(DocSignServer.ArtifactsDirectory, $"{name}.png") });

    [Fact]
    public async Task Candipuro_shows_its_Keterangan_Lumajang_its_approver_slip_and_Pronojiwo_its_added_time_standards()
    {
        await using var session = await server.NewSessionAsync("sop-kepala-lain");
        await session.SignInAsAsync("admin");
        var sop = new SopPage(session);

        await sop.GotoAsync("candipuro");
        await Assertions.Expect(sop.KeteranganOf(8)).ToHaveTextAsync("Konsep Laporan Kinerja");
        await Assertions.Expect(sop.ActorOf(8)).ToContainTextAsync("Kasubag Keuangan");
        await Assertions.Expect(sop.ActorOf(10)).ToContainTextAsync("Kasubag Umum dan Kepegawaian");
        await Assertions.Expect(sop.Section("Dasar Hukum").Locator("[data-keliru]", new() { HasText = "Tahun 2106" })).ToContainTextAsync("2016");

        await sop.GotoAsync("lumajang");
        await Assertions.Expect(sop.Approver).ToContainTextAsync("Camat Kunir");
        await Assertions.Expect(sop.Approver.Locator("[data-keliru]")).ToContainTextAsync("kecamatan lain");
        await Assertions.Expect(sop.Date("effectiveOn")).ToContainTextAsync("tertulis: 1 Pebruari 2024");
        await Assertions.Expect(sop.StepsTable.Locator("th", new() { HasText = "Keterangan" })).ToHaveCountAsync(0);

        await sop.GotoAsync("pronojiwo");
        await Assertions.Expect(sop.Step(10).Locator("[data-waktu-tambahan]")).ToContainTextAsync("tidak diberlakukan");
        await Assertions.Expect(sop.Step(10).Locator("[data-langkah-tambahan]")).ToBeVisibleAsync();
        await Assertions.Expect(sop.Section("Pencatatan/Pendataan").Locator("[data-keliru]")).ToContainTextAsync("Camat Tempeh");
        await Assertions.Expect(sop.Approver).ToContainTextAsync("tanpa jabatan");
        await session.Page.SetViewportSizeAsync(1366, 900);
        await sop.ScreenshotAsync("sop-pronojiwo-1366");
        session.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_admin_adapts_the_SOP_on_screen_and_a_Waktu_DocSign_cannot_read_is_refused_with_nothing_changed()
    {
        await using var session = await server.NewSessionAsync("sop-sesuaikan");
        await session.SignInAsAsync("admin");
        var sop = new SopPage(session);
        await sop.GotoAsync("pronojiwo");
        await session.Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Sesuaikan SOP") }).ClickAsync();
        await Assertions.Expect(session.Page.Locator("[data-asal-sop]")).ToContainTextAsync("012/427.82/SOP/2022");
        // A proposed (added) Waktu is offered as a placeholder, not as a value the office would set by saving.
        await Assertions.Expect(session.Page.GetByLabel("Waktu langkah 10", new() { Exact = true })).ToHaveValueAsync("");
        await Assertions.Expect(session.Page.GetByLabel("Waktu langkah 10", new() { Exact = true })).ToHaveAttributeAsync("placeholder", "usulan: 1 Jam");
        await session.Page.SetViewportSizeAsync(1366, 900);
        await sop.ScreenshotAsync("sesuaikan-1366");

        await session.Page.GetByLabel("Nama peran 3", new() { Exact = true }).FillAsync("Tim Penyusun LKj");
        await session.Page.GetByLabel("Waktu langkah 2", new() { Exact = true }).FillAsync("secepatnya");
        await session.Page.RunAndWaitForNavigationAsync(() => session.Page.GetByRole(AriaRole.Button, new() { Name = "Simpan sebagai versi baru" }).ClickAsync());
        await sop.ScreenshotAsync("sesuaikan-ditolak");
        await Assertions.Expect(sop.Alert).ToContainTextAsync("Waktu 'secepatnya' pada langkah 2 tidak dapat dibaca");

        await sop.GotoAsync("pronojiwo");
        await Assertions.Expect(sop.MappingRow("Tim LKJ")).ToBeVisibleAsync();
        await Assertions.Expect(sop.Identity.Locator("[data-asal-sop]")).ToHaveCountAsync(0);
        session.BrowserErrors.ShouldBeEmpty();
    }
}
