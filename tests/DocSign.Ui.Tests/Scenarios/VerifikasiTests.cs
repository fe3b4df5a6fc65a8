using DocSign.Testing.Attacks;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;
using System.Security.Cryptography;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>Verifikasi in a browser: an auditor checks a file he holds and a stored version, and takes the report.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VerifikasiTests(DocSignServer server)
{
    [Fact]
    public async Task An_auditor_uploads_a_signed_PDF_and_sees_VALID_with_the_signer_NIP_and_jabatan_then_takes_both_reports()
    {
        var signed = await TestSigner.SignAsync(SamplePdfs.OnePage("LKjIP Kanigaran 2025 (final)"), new TestSignOptions { Tsa = SamplePki.TsaUrl });
        await using var session = await server.NewSessionAsync("verifikasi");
        await session.SignInAsAsync("auditor.kanigaran");
        var page = new VerifikasiPage(session);
        await page.GotoAsync();
        await Assertions.Expect(page.Heading).ToHaveTextAsync("Verifikasi tanda tangan elektronik");

        await page.UploadAsync(signed, "lkjip-kanigaran.pdf");
        (await page.VerdictCodeAsync()).ShouldBe("VALID");
        await Assertions.Expect(page.Verdict).ToContainTextAsync("SAH");
        await Assertions.Expect(page.FileSha256).ToHaveTextAsync(Convert.ToHexStringLower(SHA256.HashData(signed)));
        await Assertions.Expect(page.Signatures).ToHaveCountAsync(1);
        await Assertions.Expect(page.SignatureField(1, "Penanda tangan")).ToHaveTextAsync("Hendra Wijaya Kusuma");
        await Assertions.Expect(page.SignatureField(1, "NIP")).ToHaveTextAsync("19740315 200112 1 003");
        await Assertions.Expect(page.SignatureField(1, "Jabatan")).ToHaveTextAsync("Camat Kanigaran");
        await Assertions.Expect(page.SignatureField(1, "Level")).ToHaveTextAsync("B-T");
        await Assertions.Expect(page.SignatureField(1, "Perubahan sesudahnya")).ToContainTextAsync("Tidak ada perubahan");
        await page.ScreenshotAsync("verifikasi-sah");

        var (pdfName, pdf) = await page.UploadForReportAsync(signed, "Laporan PDF (unduh)");
        pdfName.ShouldEndWith(".pdf");
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        var (htmlName, html) = await page.UploadForReportAsync(signed, "Laporan HTML (unduh)");
        htmlName.ShouldEndWith(".html");
        System.Text.Encoding.UTF8.GetString(html).ShouldContain("Laporan Verifikasi Tanda Tangan Elektronik");
        session.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_copy_changed_after_signing_is_not_valid_and_a_file_that_is_no_PDF_gets_a_message()
    {
        var signed = await TestSigner.SignAsync(SamplePdfs.OnePage("LKjIP Candipuro 2025"), new TestSignOptions { Signer = SamplePki.Names.CamatCandipuro });
        var tampered = (byte[])signed.Clone();
        var at = IndexOf(tampered, "LKjIP Candipuro 2025"u8.ToArray());
        tampered[at] = (byte)'X';

        await using var session = await server.NewSessionAsync("verifikasi-diubah");
        await session.SignInAsAsync("auditor.candipuro");
        var page = new VerifikasiPage(session);
        await page.GotoAsync();
        await page.UploadAsync(tampered);
        (await page.VerdictCodeAsync()).ShouldBe("INVALID");
        await Assertions.Expect(page.Verdict).ToContainTextAsync("TIDAK SAH");
        // A byte changed inside the signed range: the change line says the content no longer matches, never "no change",
        // and the reason is in words, without the ETSI codes.
        await Assertions.Expect(page.SignatureField(1, "Perubahan sesudahnya")).Not.ToContainTextAsync("Tidak ada perubahan");
        await Assertions.Expect(page.SignatureField(1, "Perubahan sesudahnya")).ToContainTextAsync("tidak cocok dengan yang ditandatangani");
        await Assertions.Expect(page.SignatureField(1, "Indikasi")).ToContainTextAsync("Gagal: isi berkas tidak cocok");
        var shown = await session.Page.InnerTextAsync("[data-hasil-verifikasi]");
        foreach (var code in new[] { "TOTAL_FAILED", "HASH_FAILURE", "ENTIRE_FILE", "INVALID" }) shown.ShouldNotContain(code);
        await page.ScreenshotAsync("verifikasi-tidak-sah");

        await page.UploadAsync("ini bukan pdf"u8.ToArray(), "catatan.txt");
        page.LastStatus.ShouldBe(400);
        await Assertions.Expect(page.Alert).ToBeVisibleAsync();
        await Assertions.Expect(page.Verdict).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_stored_version_is_verified_from_the_document_page_and_its_reports_download()
    {
        await using var staff = await server.NewSessionAsync("verifikasi-tersimpan");
        var dashboard = await staff.SignInAsAsync("sekcam.pronojiwo");
        var signed = await TestSigner.SignAsync(SamplePdfs.OnePage("Laporan Kinerja Pronojiwo"), new TestSignOptions { Signer = SamplePki.Names.CamatPronojiwo, Tsa = SamplePki.TsaUrl });
        var document = await (await dashboard.StartNewDocumentAsync()).CreateAsync("Laporan Kinerja Pronojiwo 2025", SamplePdfs.OnePage("draf"));
        var id = document.Id;
        await document.UploadVersionAsync("Final", signed, note: "final yang sudah bertanda tangan di luar DocSign");

        var unsigned = await document.VerifyVersionAsync(1);
        await Assertions.Expect(unsigned.Alert).ToBeVisibleAsync();

        await document.GotoAsync(id);
        var page = await document.VerifyVersionAsync(2);
        (await page.VerdictCodeAsync()).ShouldBe("VALID");
        await Assertions.Expect(page.SignatureField(1, "Jabatan")).ToHaveTextAsync("Camat Pronojiwo");
        var (_, pdf) = await page.DownloadReportAsync("Unduh laporan PDF");
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        var (_, html) = await page.DownloadReportAsync("Unduh laporan HTML");
        System.Text.Encoding.UTF8.GetString(html).ShouldContain("SAH");
        staff.BrowserErrors.ShouldBeEmpty();
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("text not found in the PDF");
    }
}
