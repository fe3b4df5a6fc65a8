using System.Security.Cryptography;
using System.Text;
using DocSign.Signing;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Signing.Tests;

/// <summary>The Camat's signature, checked by pdfsig, qpdf and openssl, on every kind of input file and every kind of token.</summary>
public class SignedPdfsPassIndependentValidators
{
    public static TheoryData<string, TokenKind> Inputs()
    {
        var d = new TheoryData<string, TokenKind>();
        foreach (var pdf in new[] { "classic", "xref-stream", "hybrid", "multi-revision" })
            foreach (var kind in Enum.GetValues<TokenKind>())
                d.Add(pdf, kind);
        return d;
    }

    internal static byte[] Sample(string name) => name switch
    {
        "classic" => SamplePdfs.ClassicXref(),
        "xref-stream" => SamplePdfs.XrefStream(),
        "hybrid" => SamplePdfs.HybridReference(),
        "multi-revision" => SamplePdfs.MultiRevision(),
        "multi-page" => SamplePdfs.MultiPageText(3),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task PdfsigQpdfAndOpensslAcceptTheSignature(string input, TokenKind kind)
    {
        var original = Sample(input);
        var signed = await SigningHarness.SignAsync(original, SamplePki.Names.CamatKanigaran,
            new SigningParameters { Reason = "Menyetujui LKjIP 2025", Location = "Kanigaran" }, kind);

        // Not a byte before the update changes.
        signed.AsSpan(0, original.Length).SequenceEqual(original).ShouldBeTrue();

        using var f = new TempPdf(signed);
        var (raw, sigs) = Pdfsig.Verify(f.Path, NssDb.WithTrustedRoots(SamplePki.PathOf("root-ca.pem")));
        sigs.Count.ShouldBe(1, raw.Output);
        sigs[0].SignatureType.ShouldBe("ETSI.CAdES.detached");
        sigs[0].SignatureValidation.ShouldBe("Signature is Valid.", raw.Output);
        sigs[0].TotalDocumentSigned.ShouldBeTrue(raw.Output);
        sigs[0].CertificateValidation.ShouldBe("Certificate is Trusted.", raw.Output);
        sigs[0].SignerName.ShouldBe("Hendra Wijaya Kusuma / NIP 197403152001121003");

        var q = Qpdf.Check(f.Path);
        Qpdf.IsClean(q).ShouldBeTrue(q.Output);

        var rs = RawSignatures.Find(signed).Single();
        rs.ByteRange[0].ShouldBe(0);
        (rs.ByteRange[2] + rs.ByteRange[3]).ShouldBe(signed.Length);
        var cms = OpenSsl.CmsVerify(rs.Cms, rs.SignedBytes(signed), SamplePki.PathOf("root-ca.pem"));
        cms.ExitCode.ShouldBe(0, cms.Output);
        cms.Output.ShouldContain("Verification successful");
    }

    [Fact]
    public async Task TheSignatureDictionaryCarriesFilterSubFilterAndTheClaimedTimeInWib()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 3, 2, 3, 4, 5, TimeSpan.Zero));
        var signed = await SigningHarness.SignAsync(SamplePdfs.ClassicXref(), SamplePki.Names.CamatKanigaran,
            new SigningParameters { Reason = "Menyetujui", Location = "Kanigaran, Kota Probolinggo" }, clock: clock);
        var text = Encoding.Latin1.GetString(signed);
        text.ShouldContain("/Filter /Adobe.PPKLite");
        text.ShouldContain("/SubFilter /ETSI.CAdES.detached");
        text.ShouldContain("/M (D:20260302100405+07'00')");
        text.ShouldContain("/Reason (Menyetujui)");
        text.ShouldContain("/Location (Kanigaran, Kota Probolinggo)");
        text.ShouldContain("/Name (Hendra Wijaya Kusuma)");
        text.ShouldContain("/SigFlags 3");
        text.ShouldContain("/FT /Sig");
    }

    [Fact]
    public async Task TheCmsHasNoSigningTimeAttribute()
    {
        var signed = await SigningHarness.SignAsync(SamplePdfs.ClassicXref(), SamplePki.Names.CamatKanigaran, new SigningParameters());
        var rs = RawSignatures.Find(signed).Single();
        var print = OpenSsl.CmsPrint(rs.Cms).StdOut;
        print.ShouldContain("messageDigest");
        print.ShouldContain("contentType");
        print.ShouldContain("id-smime-aa-signingCertificateV2");
        print.ShouldNotContain("signingTime");
    }

    [Fact]
    public async Task ASecondSignatureKeepsTheFirstValid()
    {
        // The Sekcam's paraf first, then the Camat signs.
        var once = await SigningHarness.SignAsync(SamplePdfs.MultiPageText(2), SamplePki.Names.SekcamKanigaran,
            new SigningParameters { FieldName = "ParafSekcam", Reason = "Paraf" });
        var twice = await SigningHarness.SignAsync(once, SamplePki.Names.CamatKanigaran,
            new SigningParameters { FieldName = "TandaTanganCamat", Reason = "Menyetujui" }, TokenKind.RemoteTwoPhase);

        twice.AsSpan(0, once.Length).SequenceEqual(once).ShouldBeTrue();
        using var f = new TempPdf(twice);
        var (raw, sigs) = Pdfsig.Verify(f.Path, NssDb.WithTrustedRoots(SamplePki.PathOf("root-ca.pem")));
        sigs.Count.ShouldBe(2, raw.Output);
        sigs.ShouldAllBe(s => s.IsValid);
        sigs[0].SignerName!.ShouldStartWith("Yoga Pratama Putra");
        sigs[0].TotalDocumentSigned.ShouldBeFalse();
        sigs[1].SignerName!.ShouldStartWith("Hendra Wijaya Kusuma");
        sigs[1].TotalDocumentSigned.ShouldBeTrue();
        Qpdf.IsClean(Qpdf.Check(f.Path)).ShouldBeTrue();

        foreach (var rs in RawSignatures.Find(twice))
            OpenSsl.CmsVerify(rs.Cms, rs.SignedBytes(twice), SamplePki.PathOf("root-ca.pem")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task FieldNamesDefaultToTheNextFreeSignatureN()
    {
        var once = await SigningHarness.SignAsync(SamplePdfs.ClassicXref(), SamplePki.Names.SekcamKanigaran, new SigningParameters());
        var twice = await SigningHarness.SignAsync(once, SamplePki.Names.CamatKanigaran, new SigningParameters());
        var text = Encoding.Latin1.GetString(twice);
        text.ShouldContain("/T (Signature1)");
        text.ShouldContain("/T (Signature2)");
    }

    [Fact]
    public async Task ATakenFieldNameIsRefused()
    {
        var once = await SigningHarness.SignAsync(SamplePdfs.ClassicXref(), SamplePki.Names.SekcamKanigaran, new SigningParameters { FieldName = "Camat" });
        var e = await Should.ThrowAsync<SigningException>(() =>
            SigningHarness.SignAsync(once, SamplePki.Names.CamatKanigaran, new SigningParameters { FieldName = "Camat" }));
        e.Code.ShouldBe(SigningErrorCode.BadFieldName);
    }
}

/// <summary>A PDF written to a temporary file for external tools; deleted on dispose.</summary>
internal sealed class TempPdf : IDisposable
{
    public TempPdf(byte[] data)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"docsign-sign-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(Path, data);
    }
    public string Path { get; }
    public void Dispose() { try { File.Delete(Path); } catch (IOException) { } }
}

/// <summary>Signing files made by other producers (EU DSS test corpus): their signatures must stay valid after ours.</summary>
public class SigningOtherProducersFilesKeepsTheirSignaturesValid
{
    private static string Genuine(string name) => Path.Combine(DocSign.Testing.Corpus.GenuineInterop, name);

    [Theory]
    [InlineData("hello_signed_INCSAVE_signed.pdf")]
    [InlineData("dss-1376__DSS1376-rev_n.pdf")]
    [InlineData("pades-ltv.pdf")]
    [InlineData("muestra-firmado-firmado.pdf")]
    public async Task PdfsigStillFindsEveryEarlierSignatureValid(string name)
    {
        var original = File.ReadAllBytes(Genuine(name));
        using var before = new TempPdf(original);
        var earlier = Pdfsig.Verify(before.Path).Signatures;
        earlier.ShouldNotBeEmpty();

        var signed = await SigningHarness.SignAsync(original, SamplePki.Names.CamatPronojiwo, new SigningParameters { FieldName = "DocSignCamat" });
        signed.AsSpan(0, original.Length).SequenceEqual(original).ShouldBeTrue();
        using var after = new TempPdf(signed);
        var (raw, sigs) = Pdfsig.Verify(after.Path);
        sigs.Count.ShouldBe(earlier.Count + 1, raw.Output);
        for (int i = 0; i < earlier.Count; i++) sigs[i].SignatureValidation.ShouldBe(earlier[i].SignatureValidation, raw.Output);
        sigs[^1].IsValid.ShouldBeTrue(raw.Output);
        sigs[^1].TotalDocumentSigned.ShouldBeTrue(raw.Output);
        var q = Qpdf.Check(after.Path);
        q.ExitCode.ShouldBeOneOf([0, 3], q.Output); // some originals already draw qpdf warnings; no new error
    }

    [Fact]
    public async Task ADocumentCertifiedWithoutChangesIsNotSigned()
    {
        var e = await Should.ThrowAsync<SigningException>(() => SigningHarness.SignAsync(
            File.ReadAllBytes(Genuine("dss-2554__certified-no-change-permitted.pdf")), SamplePki.Names.CamatPronojiwo, new SigningParameters()));
        e.Code.ShouldBe(SigningErrorCode.CertifiedNoChanges);
    }
}

/// <summary>A template may carry an empty signature field ("TTD Camat"): the signature fills it where it stands.</summary>
public class PreparedEmptySignatureFields
{
    internal static byte[] WithEmptyField(string fieldName = "TTD Camat")
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R /AcroForm 7 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [5 0 R] /Count 1 /MediaBox [0 0 595 842]>>");
        w.Object(3, "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>");
        w.Object(4, "<</Title (Templat dengan field tanda tangan)>>");
        w.Object(5, "<</Type /Page /Parent 2 0 R /Resources <</Font <</F1 3 0 R>>>> /Contents 6 0 R /Annots [8 0 R]>>");
        w.Stream(6, "<<>>", Encoding.Latin1.GetBytes("BT /F1 18 Tf 72 760 Td (LAPORAN KINERJA) Tj ET\n"));
        w.Object(7, "<</Fields [8 0 R]>>");
        w.Object(8, $"<</Type /Annot /Subtype /Widget /FT /Sig /T ({fieldName}) /Rect [320 60 560 150] /P 5 0 R /F 4>>");
        w.ClassicXref("/Size 9 /Root 1 0 R /Info 4 0 R");
        return w.ToArray();
    }

    [Fact]
    public async Task TheNamedEmptyFieldIsSignedVisiblyInItsOwnRectangle()
    {
        var original = WithEmptyField();
        var signed = await SigningHarness.SignAsync(original, SamplePki.Names.CamatKanigaran, new SigningParameters { FieldName = "TTD Camat" });
        var text = Encoding.Latin1.GetString(signed[original.Length..]);
        text.ShouldContain("8 0 obj");                 // the field itself is updated...
        text.ShouldNotContain("/T (TTD Camat)/V 10");  // ...not duplicated as a new widget
        text.Split("/FT /Sig").Length.ShouldBe(2);
        text.ShouldContain("/BBox [0 0 240 90]");

        using var f = new TempPdf(signed);
        var (raw, sigs) = Pdfsig.Verify(f.Path);
        sigs.Single().IsValid.ShouldBeTrue(raw.Output);
        sigs.Single().TotalDocumentSigned.ShouldBeTrue();
        raw.StdOut.ShouldContain("Signature Field Name: TTD Camat");
        Qpdf.IsClean(Qpdf.Check(f.Path)).ShouldBeTrue();

        using var a = new TempPdf(original);
        var before = RenderedPage.Render(a.Path, 1);
        var after = RenderedPage.Render(f.Path, 1);
        var (x0, y0, x1, y1) = after.PixelBox(320, 60, 240, 90);
        int outside = 0, insideDark = 0;
        for (int y = 0; y < after.Height; y++)
            for (int x = 0; x < after.Width; x++)
            {
                bool inside = x >= x0 && x < x1 && y >= y0 && y < y1;
                if (!inside && after.At(x, y) != before.At(x, y)) outside++;
                if (inside && after.At(x, y) < 128) insideDark++;
            }
        outside.ShouldBe(0);
        insideDark.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task AFieldAlreadySignedIsNotSignedAgain()
    {
        var once = await SigningHarness.SignAsync(WithEmptyField(), SamplePki.Names.SekcamKanigaran, new SigningParameters { FieldName = "TTD Camat" });
        var e = await Should.ThrowAsync<SigningException>(() =>
            SigningHarness.SignAsync(once, SamplePki.Names.CamatKanigaran, new SigningParameters { FieldName = "TTD Camat" }));
        e.Code.ShouldBe(SigningErrorCode.BadFieldName);
        e.Message.ShouldContain("sudah ditandatangani");
    }

    [Fact]
    public async Task OtherNamesStillGetANewField()
    {
        var signed = await SigningHarness.SignAsync(WithEmptyField(), SamplePki.Names.CamatKanigaran, new SigningParameters());
        using var f = new TempPdf(signed);
        var (raw, sigs) = Pdfsig.Verify(f.Path);
        sigs.Count.ShouldBe(2, raw.Output); // pdfsig also lists the still empty "TTD Camat"
        sigs.Count(s => s.IsValid).ShouldBe(1, raw.Output);
        raw.StdOut.ShouldContain("Signature Field Name: Signature1");
    }
}
