using DocSign.Core.Archive;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// Cari and Arsip in a browser, on a laptop and on a phone: a signed, sent and archived report is found by its title,
/// its letter number and its signer by its own office and never by another office; the archive lists it by title
/// with its verdict in colour, keys and hashes only on demand, and "Periksa sekarang" verifies the stored copy again,
/// which after a byte is changed in storage says plainly that it is no longer valid.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchAndArchiveTests(DocSignServer server)
{
    [Fact]
    public async Task A_signed_report_is_found_by_title_letter_number_and_signer_and_its_archive_copy_is_checked_again()
    {
        var token = "Telusur" + Guid.NewGuid().ToString("N")[..6];
        var title = $"Laporan Kinerja {token} Kecamatan Kanigaran";
        var documentId = await ServerSide.SignedThroughDocSignAsync(server, "kanigaran", title);
        var letter = await ServerSide.DispatchAsync(server, await ServerSide.CoverLetterAsync(server, documentId));
        var copies = await ServerSide.ArchiveAsync(server, letter.Id);
        var naskah = copies.Single(c => c.Role == ArchiveRoles.Document);

        await using var staf = await server.NewSessionAsync("cari");
        await staf.SignInAsAsync("staf.kanigaran");
        var cari = new CariPage(staf);
        await cari.OpenFromMenuAsync();
        await Assertions.Expect(cari.Heading).ToHaveTextAsync("Cari dokumen, surat dan arsip");

        // By title (any case): the document and its archive copy, with the signer and the verdict in words.
        await cari.SearchAsync(token.ToLowerInvariant());
        cari.LastStatus.ShouldBe(200);
        await Assertions.Expect(cari.ResultsOf("document")).ToHaveCountAsync(1);
        await Assertions.Expect(cari.ResultsOf("document")).ToContainTextAsync(title);
        await Assertions.Expect(cari.ResultsOf("document")).ToContainTextAsync("ditandatangani Hendra Wijaya Kusuma");
        await Assertions.Expect(cari.ResultsOf("archivecopy").Filter(new() { HasText = "Arsip naskah" })).ToContainTextAsync("SAH");
        await cari.ScreenshotAsync("cari-judul");

        // By letter number: the letter itself, linked to its page.
        await cari.SearchAsync(letter.Number);
        await Assertions.Expect(cari.ResultsOf("letter")).ToHaveCountAsync(1);
        await Assertions.Expect(cari.ResultsOf("letter").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/surat/{letter.Id}");

        // By signer and year together, then open the document from the result.
        await cari.SearchAsync("hendra " + token, "2025");   // the document's year (its letter is numbered in the year it went out)
        await Assertions.Expect(cari.ResultsOf("document")).ToHaveCountAsync(1);
        await cari.ResultsOf("document").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(staf.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/dokumen/{documentId}$"));

        // A year that does not match, and words nobody wrote, say so in a sentence.
        await cari.OpenFromMenuAsync();
        await cari.SearchAsync(token, "2001");
        await Assertions.Expect(cari.NoResults).ToContainTextAsync("Tidak ada dokumen, surat atau arsip yang cocok");
        await cari.SearchAsync(token, "dua ribu");
        cari.LastStatus.ShouldBe(400);
        await Assertions.Expect(cari.Alert).ToContainTextAsync("Tahun harus berupa angka tahun");

        // Another office finds nothing of it, whatever it types.
        await using var lain = await server.NewSessionAsync("cari-kantor-lain");
        await lain.SignInAsAsync("staf.candipuro");
        var cariLain = new CariPage(lain);
        await cariLain.OpenFromMenuAsync();
        foreach (var q in new[] { token, letter.Number, "hendra " + token })
        {
            await cariLain.SearchAsync(q);
            await Assertions.Expect(cariLain.NoResults).ToBeVisibleAsync();
        }
        await cariLain.ScreenshotAsync("cari-kantor-lain");

        // On a phone the results fit the screen.
        await using var hp = await server.NewSessionAsync("cari-ponsel", width: 390, height: 844);
        await hp.SignInAsAsync("sekcam.kanigaran");
        var cariHp = new CariPage(hp);
        await cariHp.OpenFromMenuAsync();
        await cariHp.SearchAsync(token);
        await Assertions.Expect(cariHp.ResultsOf("document")).ToHaveCountAsync(1);
        (await hp.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(1);
        await cariHp.ScreenshotAsync("cari-ponsel");

        // The archive: title and verdict first, keys and hashes on demand.
        await using var kasubag = await server.NewSessionAsync("arsip-judul");
        await kasubag.SignInAsAsync("kasubag-umum.kanigaran");
        var arsip = new ArsipPage(kasubag);
        await arsip.GotoAsync("kanigaran");
        arsip.LastStatus.ShouldBe(200);
        await Assertions.Expect(arsip.Entry(documentId)).ToContainTextAsync(title);
        await Assertions.Expect(arsip.Entry(documentId)).ToContainTextAsync(letter.Number);
        await Assertions.Expect(arsip.Verdict(documentId)).ToHaveTextAsync("SAH");
        await Assertions.Expect(arsip.Verdict(documentId)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bsah\b"));
        await Assertions.Expect(arsip.Copy(naskah.Id).Locator("[data-sha256]")).Not.ToBeVisibleAsync();
        await arsip.ShowDetailsAsync(documentId);
        await Assertions.Expect(arsip.Copy(naskah.Id).Locator("[data-sha256]")).ToBeVisibleAsync();
        await Assertions.Expect(arsip.Copy(naskah.Id)).ToContainTextAsync(naskah.Key);

        // "Periksa sekarang": the stored copy, verified again now.
        await arsip.CheckNowAsync(documentId);
        arsip.LastStatus.ShouldBe(200);
        await Assertions.Expect(arsip.CheckResult(documentId)).ToContainTextAsync("SAH");
        await Assertions.Expect(arsip.CheckResult(documentId)).ToContainTextAsync("sama persis dengan saat diarsipkan");
        await arsip.ScreenshotAsync("arsip-periksa-sah");

        // A byte changed in storage: the check says it is not valid and differs, in words, without codes.
        var path = ServerSide.BlobPath(server, naskah.Key);
        var bytes = await File.ReadAllBytesAsync(path);
        var at = IndexOf(bytes, System.Text.Encoding.ASCII.GetBytes(token));
        bytes[at] = (byte)'X';
        await File.WriteAllBytesAsync(path, bytes);
        await arsip.CheckNowAsync(documentId);
        await Assertions.Expect(arsip.CheckResult(documentId)).ToContainTextAsync("TIDAK SAH");
        await Assertions.Expect(arsip.CheckResult(documentId)).ToContainTextAsync("BERBEDA dari saat diarsipkan");
        var said = await arsip.CheckResult(documentId).InnerTextAsync();
        said.ShouldNotContain("HASH_FAILURE");
        said.ShouldNotContain("TOTAL_FAILED");
        await arsip.ScreenshotAsync("arsip-periksa-berubah");

        // Another office's archive is not there for a stranger, and its check cannot be forged.
        (await Forged.PostAsync(lain, $"/arsip/kanigaran?handler=Periksa&salinan={naskah.Id}", new Dictionary<string, string>())).ShouldBe(404);

        // The archive on a phone.
        await using var hpArsip = await server.NewSessionAsync("arsip-ponsel", width: 390, height: 844);
        await hpArsip.SignInAsAsync("camat.kanigaran");
        var arsipHp = new ArsipPage(hpArsip);
        await arsipHp.GotoAsync("kanigaran");
        await Assertions.Expect(arsipHp.Entry(documentId)).ToBeVisibleAsync();
        (await hpArsip.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(1);
        await arsipHp.ScreenshotAsync("arsip-ponsel");
        await arsipHp.ShowDetailsAsync(documentId);
        (await hpArsip.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(1);
        await arsipHp.ScreenshotAsync("arsip-ponsel-rincian");

        staf.BrowserErrors.ShouldBeEmpty();
        kasubag.BrowserErrors.ShouldBeEmpty();
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("text not found in the PDF");
    }
}
