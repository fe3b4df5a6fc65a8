using DocSign.Core.Archive;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// The letter screens in a browser: the register (filter, a number taken, a nomor sisipan, the CSV and PDF exports),
/// a surat pengantar dispatched with its tanda terima, a letter voided with its reason, and the archive with a changed
/// object reported by the integrity check; staff without the role and other offices are refused and change nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LetterScreensTests(DocSignServer server)
{
    private static DateOnly TodayWib => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);

    [Fact]
    public async Task The_Kasubag_Umum_takes_a_number_and_a_nomor_sisipan_filters_the_register_and_exports_it()
    {
        await using var kasubag = await server.NewSessionAsync("surat-keluar");
        await kasubag.SignInAsAsync("kasubag-umum.lumajang");
        await Assertions.Expect(kasubag.Page.GetByRole(AriaRole.Link, new() { Name = "Surat keluar", Exact = true })).ToHaveAttributeAsync("href", "/surat-keluar/lumajang");
        var register = new SuratKeluarPage(kasubag);
        await register.GotoAsync("lumajang");
        register.LastStatus.ShouldBe(200);

        var subject = $"Undangan rapat koordinasi {Guid.NewGuid():N}"[..36];
        await register.ReserveAsync(subject, classification: "000.8.6.3", sifat: "Terbatas", urgency: "Segera", addressee: "Para Lurah se-Kecamatan Lumajang");
        register.LastStatus.ShouldBe(200);
        await Assertions.Expect(register.Notice).ToContainTextAsync("Nomor surat");
        var row = register.Row(subject);
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status-surat", "reserved");
        await Assertions.Expect(row).ToContainTextAsync("Segera");
        await Assertions.Expect(row).ToContainTextAsync("Para Lurah");
        var number = (await row.GetByRole(AriaRole.Link).First.InnerTextAsync()).Trim();
        number.ShouldStartWith("000.8.6.3/");
        var sequence = int.Parse((await row.Locator("td").First.InnerTextAsync()).Trim());

        // A bad classification: a clear message, no number taken.
        var before = await register.Rows.CountAsync();
        await register.ReserveAsync("Perihal dengan kode salah", classification: "abc");
        register.LastStatus.ShouldBe(400);
        await Assertions.Expect(register.Alert).ToContainTextAsync("Kode klasifikasi");
        await register.GotoAsync("lumajang");
        await Assertions.Expect(register.Rows).ToHaveCountAsync(before);

        // A nomor sisipan after the number just taken, with its reason.
        await register.ReserveAsync(subject + " susulan", insertAfter: sequence, insertDate: TodayWib, insertReason: "Surat susulan yang tertinggal dicatat");
        register.LastStatus.ShouldBe(200);
        var inserted = register.Row(subject + " susulan");
        await Assertions.Expect(inserted).ToContainTextAsync($"{sequence}.1");
        await Assertions.Expect(inserted).ToContainTextAsync("Surat susulan yang tertinggal");
        await register.ScreenshotAsync("agenda");

        // Filters: the year and the status; the exports follow the same filter.
        var year = TodayWib.Year.ToString();
        await register.FilterAsync(year, "Batal");
        await Assertions.Expect(register.Row(subject)).ToHaveCountAsync(0);
        await register.FilterAsync("2001", "Semua");
        await Assertions.Expect(register.Rows).ToHaveCountAsync(0);
        await register.FilterAsync(year, "Dipesan");
        await Assertions.Expect(register.Row(subject)).ToHaveCountAsync(2);
        await register.ScreenshotAsync("agenda-disaring");

        var csv = await kasubag.Context.APIRequest.GetAsync((await register.CsvLink.GetAttributeAsync("href"))!);
        csv.Status.ShouldBe(200);
        csv.Headers["content-type"].ShouldStartWith("text/csv");
        var csvText = await csv.TextAsync();
        csvText.ShouldContain(number);
        csvText.ShouldContain(subject + " susulan");
        var pdf = await kasubag.Context.APIRequest.GetAsync((await register.PdfLink.GetAttributeAsync("href"))!);
        pdf.Status.ShouldBe(200);
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]).ShouldBe("%PDF-");

        // Staff without the role read the register but get no form, and a post made anyway is refused.
        await using var staf = await server.NewSessionAsync("surat-keluar-staf");
        await staf.SignInAsAsync("staf.lumajang");
        var seen = new SuratKeluarPage(staf);
        await seen.GotoAsync("lumajang");
        seen.LastStatus.ShouldBe(200);
        await Assertions.Expect(seen.Row(subject)).ToHaveCountAsync(2);
        await Assertions.Expect(seen.ReserveButton).ToHaveCountAsync(0);
        var rows = await seen.Rows.CountAsync();
        var status = await Forged.PostAsync(staf, "/surat-keluar/lumajang?handler=Pesan", new Dictionary<string, string> { ["perihal"] = "Nomor oleh staf" });
        status.ShouldBe(403);
        await Assertions.Expect(seen.Alert).ToContainTextAsync("Hanya Kasubag Umum");
        await seen.GotoAsync("lumajang");
        await Assertions.Expect(seen.Rows).ToHaveCountAsync(rows);
        await Assertions.Expect(seen.Row("Nomor oleh staf")).ToHaveCountAsync(0);

        // Another office's Kasubag Umum: as if the register did not exist.
        await using var stranger = await server.NewSessionAsync("surat-keluar-kantor-lain");
        await stranger.SignInAsAsync("kasubag-umum.candipuro");
        var other = new SuratKeluarPage(stranger);
        await other.GotoAsync("lumajang");
        other.LastStatus.ShouldBe(404);
        await Assertions.Expect(other.Table).ToHaveCountAsync(0);
        kasubag.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cover_letter_is_dispatched_with_its_receipt_and_archived_and_a_changed_archive_object_is_shown()
    {
        const string title = "Laporan Kinerja Kecamatan Candipuro Triwulan III";
        var (documentId, signed) = await ServerSide.SignedDocumentAsync(server, "candipuro", title);
        var letter = await ServerSide.CoverLetterAsync(server, documentId);

        await using var kasubag = await server.NewSessionAsync("surat");
        await kasubag.SignInAsAsync("kasubag-umum.candipuro");
        var page = new SuratPage(kasubag);
        await page.GotoAsync(letter.Id);
        page.LastStatus.ShouldBe(200);
        (await page.StatusCodeAsync()).ShouldBe("issued");
        await Assertions.Expect(page.Number).ToHaveTextAsync(letter.Number);
        await Assertions.Expect(page.DocumentLink).ToHaveTextAsync(title);
        await page.WaitForViewerAsync();
        await page.ScreenshotAsync("surat-terbit");

        // Staff of the office read the letter; only the Kasubag Umum and the roles the SOP names for its letter steps
        // (Candipuro: the Kasi / Kasubag of step 10, the Staf of step 11) dispatch it; the Sekcam does not.
        await using var staf = await server.NewSessionAsync("surat-staf");
        await staf.SignInAsAsync("sekcam.candipuro");
        var read = new SuratPage(staf);
        await read.GotoAsync(letter.Id);
        read.LastStatus.ShouldBe(200);
        await Assertions.Expect(read.DispatchButton).ToHaveCountAsync(0);
        await Assertions.Expect(read.VoidButton).ToHaveCountAsync(0);
        var refused = await Forged.PostAsync(staf, $"/surat/{letter.Id}?handler=Kirim", new Dictionary<string, string> { ["penerima"] = "Siapa saja", ["saluran"] = "pos" });
        refused.ShouldBe(403);
        await read.GotoAsync(letter.Id);
        (await read.StatusCodeAsync()).ShouldBe("issued");

        await page.DispatchAsync("Bagian Organisasi Setda Kabupaten Lumajang", "SRIKANDI");
        page.LastStatus.ShouldBe(200);
        await Assertions.Expect(page.Notice).ToContainTextAsync("dicatat");
        (await page.StatusCodeAsync()).ShouldBe("dispatched");

        await page.UploadReceiptAsync("bukan gambar"u8.ToArray(), "tanda-terima.png", "image/png");
        page.LastStatus.ShouldBe(400);
        await Assertions.Expect(page.Alert).ToContainTextAsync("Tanda terima harus berupa");
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCB3UNq9AAAAABJRU5ErkJggg==");
        await page.UploadReceiptAsync(png, "tanda-terima.png", "image/png");
        page.LastStatus.ShouldBe(200);
        await Assertions.Expect(page.Notice).ToContainTextAsync("Tanda terima");
        (await page.DownloadReceiptAsync()).ShouldBe(png);
        await Assertions.Expect(page.History).ToContainTextAsync("mencatat pengiriman kepada Bagian Organisasi Setda Kabupaten Lumajang melalui SRIKANDI");
        await Assertions.Expect(page.History).ToContainTextAsync("mengunggah tanda terima");
        await page.ScreenshotAsync("surat-terkirim");

        var register = new SuratKeluarPage(kasubag);
        await register.GotoAsync("candipuro");
        await Assertions.Expect(register.Row(letter.Number)).ToContainTextAsync("Terkirim");
        await Assertions.Expect(register.Row(letter.Number)).ToContainTextAsync("SRIKANDI");

        // The archive job copies the document and the letter with a manifest.
        var copies = await ServerSide.ArchiveAsync(server, letter.Id);
        copies.Count.ShouldBe(3);
        var naskah = copies.Single(c => c.Role == ArchiveRoles.Document);
        naskah.Sha256.ShouldBe(ServerSide.Sha(signed));
        var manifest = copies.Single(c => c.Role == ArchiveRoles.Manifest);
        var arsip = new ArsipPage(kasubag);
        await arsip.GotoAsync("candipuro");
        arsip.LastStatus.ShouldBe(200);
        await Assertions.Expect(arsip.Copy(naskah.Id)).ToContainTextAsync(naskah.Sha256);
        await Assertions.Expect(arsip.Copy(naskah.Id)).ToContainTextAsync("SAH");
        await Assertions.Expect(arsip.Copy(naskah.Id)).ToContainTextAsync(naskah.RetainUntil.Year.ToString());
        await Assertions.Expect(arsip.Manifests.Filter(new() { HasText = manifest.Key })).ToHaveCountAsync(1);

        // Someone changes the manifest in storage: the integrity check finds it, the page says so first.
        await File.AppendAllTextAsync(ServerSide.BlobPath(server, manifest.Key), " ");
        var (_, bad) = await ServerSide.CheckIntegrityAsync(server);
        bad.ShouldBeGreaterThanOrEqualTo(1);
        await arsip.GotoAsync("candipuro");
        await Assertions.Expect(arsip.Damaged).ToBeVisibleAsync();
        await Assertions.Expect(arsip.Damaged).ToContainTextAsync(manifest.Key);
        await Assertions.Expect(arsip.Copy(manifest.Id)).ToHaveAttributeAsync("data-integritas", "mismatch");
        await Assertions.Expect(arsip.Copy(naskah.Id)).ToHaveAttributeAsync("data-integritas", "ok");
        await Assertions.Expect(arsip.LastCheck).Not.ToHaveTextAsync("—");
        await arsip.ScreenshotAsync("arsip-berubah");
        // The manifest is served as it is stored now: the changed bytes the check found.
        var href = await arsip.Manifests.Filter(new() { HasText = manifest.Key }).GetAttributeAsync("href");
        var stored = await kasubag.Context.APIRequest.GetAsync(href!);
        stored.Status.ShouldBe(200);
        var bytes = await stored.BodyAsync();
        bytes.Length.ShouldBe((int)manifest.Size + 1);
        ServerSide.Sha(bytes).ShouldNotBe(manifest.Sha256);

        // The office's auditor reads the archive; another office sees neither the letter nor the archive.
        await using var auditor = await server.NewSessionAsync("arsip-auditor");
        await auditor.SignInAsAsync("auditor.candipuro");
        var audited = new ArsipPage(auditor);
        await audited.GotoAsync("candipuro");
        audited.LastStatus.ShouldBe(200);
        await Assertions.Expect(audited.Damaged).ToContainTextAsync(manifest.Key);
        await using var stranger = await server.NewSessionAsync("surat-kantor-lain");
        await stranger.SignInAsAsync("kasubag-umum.kanigaran");
        var otherLetter = new SuratPage(stranger);
        await otherLetter.GotoAsync(letter.Id);
        otherLetter.LastStatus.ShouldBe(404);
        await Assertions.Expect(otherLetter.Number).ToHaveCountAsync(0);
        var otherArchive = new ArsipPage(stranger);
        await otherArchive.GotoAsync("candipuro");
        otherArchive.LastStatus.ShouldBe(404);
        (await stranger.Context.APIRequest.GetAsync(href!)).Status.ShouldBe(404);
        (await stranger.Context.APIRequest.GetAsync($"/api/letters/{letter.Id}/receipt")).Status.ShouldBe(404);
        kasubag.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_letter_is_voided_with_its_reason_and_keeps_its_number()
    {
        await using var kasubag = await server.NewSessionAsync("surat-batal");
        await kasubag.SignInAsAsync("kasubag-umum.pronojiwo");
        var register = new SuratKeluarPage(kasubag);
        await register.GotoAsync("pronojiwo");
        var subject = $"Pemberitahuan jadwal pelayanan {Guid.NewGuid():N}"[..40];
        await register.ReserveAsync(subject, addressee: "Kepala Desa se-Kecamatan Pronojiwo");
        var number = (await register.Row(subject).GetByRole(AriaRole.Link).First.InnerTextAsync()).Trim();
        var letter = await register.OpenLetterAsync(number);
        letter.LastStatus.ShouldBe(200);
        (await letter.StatusCodeAsync()).ShouldBe("reserved");
        var id = Guid.Parse(new Uri(kasubag.Page.Url).AbsolutePath.Split('/')[^1]);

        // A staff member cannot void it, even by posting the form himself.
        await using var staf = await server.NewSessionAsync("surat-batal-staf");
        await staf.SignInAsAsync("staf.pronojiwo");
        var read = new SuratPage(staf);
        await read.GotoAsync(id);
        await Assertions.Expect(read.VoidButton).ToHaveCountAsync(0);
        (await Forged.PostAsync(staf, $"/surat/{id}?handler=Batal", new Dictionary<string, string> { ["alasan"] = "iseng", ["yakin"] = "ya" })).ShouldBe(403);
        await read.GotoAsync(id);
        (await read.StatusCodeAsync()).ShouldBe("reserved");

        await letter.ScreenshotAsync("sebelum-batal");
        await letter.VoidAsync("Salah alamat tujuan; diganti dengan surat baru");
        letter.LastStatus.ShouldBe(200);
        await Assertions.Expect(letter.Notice).ToContainTextAsync("dibatalkan");
        (await letter.StatusCodeAsync()).ShouldBe("void");
        await Assertions.Expect(letter.Number).ToHaveTextAsync(number);
        await Assertions.Expect(kasubag.Page.Locator("[data-alasan-batal]")).ToContainTextAsync("Salah alamat tujuan");
        await Assertions.Expect(letter.VoidButton).ToHaveCountAsync(0);
        await Assertions.Expect(letter.DispatchButton).ToHaveCountAsync(0);
        await Assertions.Expect(letter.History).ToContainTextAsync("membatalkan surat (alasan: Salah alamat tujuan");
        await letter.ScreenshotAsync("sesudah-batal");

        await register.GotoAsync("pronojiwo");
        await Assertions.Expect(register.Row(subject)).ToHaveAttributeAsync("data-status-surat", "void");
        await Assertions.Expect(register.Row(subject)).ToContainTextAsync("Batal");
    }
}
