using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using DocSign.Signing;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Signing.Tests;

public class VisibleSignaturesDrawOnlyInsideTheirRectangle
{
    [Fact]
    public async Task ThePageLooksTheSameOutsideTheRectangleAndTheBlockShowsInside()
    {
        var original = SamplePdfs.MultiPageText(2);
        var vis = new VisibleSignature { Page = 2, X = 320, Y = 60, Width = 240, Height = 90, VerificationUrl = new Uri("http://127.0.0.1:5080/verifikasi?id=42") };
        var signed = await SigningHarness.SignAsync(original, SamplePki.Names.CamatKanigaran, new SigningParameters { Visible = vis });

        using var a = new TempPdf(original);
        using var b = new TempPdf(signed);
        var before = RenderedPage.Render(a.Path, 2);
        var after = RenderedPage.Render(b.Path, 2);
        (after.Width, after.Height).ShouldBe((before.Width, before.Height));
        var (x0, y0, x1, y1) = after.PixelBox(vis.X, vis.Y, vis.Width, vis.Height);

        int outsideDiffs = 0, insideDark = 0;
        for (int y = 0; y < after.Height; y++)
            for (int x = 0; x < after.Width; x++)
            {
                bool inside = x >= x0 && x < x1 && y >= y0 && y < y1;
                if (!inside && after.At(x, y) != before.At(x, y)) outsideDiffs++;
                if (inside && after.At(x, y) < 128) insideDark++;
            }
        outsideDiffs.ShouldBe(0);
        insideDark.ShouldBeGreaterThan(200); // text and QR modules

        // Page 1 is untouched.
        RenderedPage.Render(b.Path, 1).Pixels.ShouldBe(RenderedPage.Render(a.Path, 1).Pixels);

        using var f = new TempPdf(signed);
        var (raw, sigs) = Pdfsig.Verify(f.Path);
        sigs.Single().IsValid.ShouldBeTrue(raw.Output);
    }

    [Fact]
    public void TheBlockSaysWhoSignedWithNipJabatanOfficeAndWibTime()
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        var lines = SignatureAppearance.Lines(SignerIdentity.From(token.Certificate), new DateTimeOffset(2026, 3, 2, 20, 30, 0, TimeSpan.Zero));
        lines.ShouldBe([
            "Ditandatangani secara elektronik oleh",
            "Hendra Wijaya Kusuma",
            "NIP. 19740315 200112 1 003",
            "Camat Kanigaran",
            "Kecamatan Kanigaran",
            "3 Maret 2026 03:30 WIB",
        ]);
    }

    [Theory]
    [InlineData(1, 500, 60, 200, 90)]   // runs off the right edge (595 wide)
    [InlineData(1, 10, 800, 100, 60)]   // runs off the top (842 high)
    [InlineData(1, -5, 10, 100, 60)]
    [InlineData(3, 10, 10, 100, 60)]    // no page 3
    [InlineData(0, 10, 10, 100, 60)]
    [InlineData(1, 10, 10, 0, 60)]
    public async Task ARectangleOffThePageIsRefused(int page, double x, double y, double w, double h)
    {
        var e = await Should.ThrowAsync<SigningException>(() => SigningHarness.SignAsync(SamplePdfs.MultiPageText(2), SamplePki.Names.CamatKanigaran,
            new SigningParameters { Visible = new VisibleSignature { Page = page, X = x, Y = y, Width = w, Height = h } }));
        e.Code.ShouldBe(SigningErrorCode.BadAppearanceRectangle);
    }
}

public class BtSignaturesCarryATsaTimestampOverTheSignatureValue
{
    public BtSignaturesCarryATsaTimestampOverTheSignatureValue() => PkiServices.EnsureRunning();

    [Theory]
    [InlineData(TokenKind.Pkcs12)]
    [InlineData(TokenKind.RemoteTwoPhase)]
    public async Task TheTimestampVerifiesWithOpensslTsAndPdfsigAcceptsTheSignature(TokenKind kind)
    {
        var signed = await SigningHarness.SignAsync(SamplePdfs.ClassicXref(), SamplePki.Names.CamatCandipuro,
            new SigningParameters { Level = PadesLevel.BT, TsaUrl = SamplePki.TsaUrl }, kind);
        var rs = RawSignatures.Find(signed).Single();
        var cms = new SignedCms(new ContentInfo(rs.SignedBytes(signed)), detached: true);
        cms.Decode(rs.Cms);
        var si = cms.SignerInfos[0];
        var tstAttr = si.UnsignedAttributes.Cast<CryptographicAttributeObject>().Single(a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14");
        byte[] token = tstAttr.Values[0].RawData;
        byte[] imprint = SHA256.HashData(si.GetSignature());

        var v = OpenSsl.TsVerify(token, imprint, SamplePki.PathOf("root-ca.pem"), SamplePki.PathOf("signing-ca.pem"));
        v.ExitCode.ShouldBe(0, v.Output);
        v.Output.ShouldContain("Verification: OK");

        using var f = new TempPdf(signed);
        var (raw, sigs) = Pdfsig.Verify(f.Path, NssDb.WithTrustedRoots(SamplePki.PathOf("root-ca.pem")));
        sigs.Single().IsValid.ShouldBeTrue(raw.Output);
        sigs.Single().TotalDocumentSigned.ShouldBeTrue();
        OpenSsl.CmsVerify(rs.Cms, rs.SignedBytes(signed), SamplePki.PathOf("root-ca.pem")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task AnUnreachableTsaFailsTheSigning()
    {
        int port = Rfc3161TimestampsFromTheTsa.FreePort();
        var e = await Should.ThrowAsync<SigningException>(() => SigningHarness.SignAsync(SamplePdfs.ClassicXref(), SamplePki.Names.CamatCandipuro,
            new SigningParameters { Level = PadesLevel.BT, TsaUrl = new Uri($"http://127.0.0.1:{port}/tsa") }));
        e.Code.ShouldBe(SigningErrorCode.TimestampFailed);
    }
}

public class TwoPhaseSigningChecksWhatComesBack
{
    [Fact]
    public async Task ThePreparedStateSurvivesJsonAndNamesWhatToSign()
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatLumajang), SamplePki.Passphrase);
        var output = new MemoryStream();
        var prepared = await new PadesSigner(FakeClock.Default()).PrepareAsync(new MemoryStream(SamplePdfs.ClassicXref()), output,
            new SigningParameters { FieldName = "Camat" }, token.Certificate, token.Chain);
        var back = PreparedSignature.FromJson(prepared.ToJson());
        back.DataToSign.ShouldBe(prepared.DataToSign);
        back.ByteRange.ShouldBe(prepared.ByteRange);
        back.FieldName.ShouldBe("Camat");
        back.Hash.ShouldBe(HashAlgorithmName.SHA256);
        // The prepared file's digest is the message-digest inside the attributes to sign.
        var file = output.ToArray();
        var ranges = file[..(int)prepared.ByteRange[1]].Concat(file[(int)prepared.ByteRange[2]..]).ToArray();
        SHA256.HashData(ranges).ShouldBe(prepared.DocumentDigest);
        Convert.ToHexString(prepared.DataToSign).ShouldContain(Convert.ToHexString(prepared.DocumentDigest));
    }

    [Fact]
    public async Task ASignatureValueFromTheWrongKeyIsRefused()
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatLumajang), SamplePki.Passphrase);
        var signer = new PadesSigner(FakeClock.Default());
        var output = new MemoryStream();
        var prepared = await signer.PrepareAsync(new MemoryStream(SamplePdfs.ClassicXref()), output, new SigningParameters(), token.Certificate, token.Chain);
        var wrong = new RemoteSigningService(SamplePki.P12(SamplePki.Names.CamatPronojiwo)).Sign(prepared.DataToSign);
        var e = await Should.ThrowAsync<SigningException>(() => signer.CompleteAsync(output, prepared, wrong));
        e.Code.ShouldBe(SigningErrorCode.BadSignatureValue);
    }

    [Fact]
    public async Task APreparedFileChangedWhileWaitingIsRefused()
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatLumajang), SamplePki.Passphrase);
        var signer = new PadesSigner(FakeClock.Default());
        var output = new MemoryStream();
        var prepared = await signer.PrepareAsync(new MemoryStream(SamplePdfs.ClassicXref()), output, new SigningParameters(), token.Certificate, token.Chain);
        output.Position = 20;
        output.WriteByte((byte)'X');
        var sig = new RemoteSigningService(SamplePki.P12(SamplePki.Names.CamatLumajang)).Sign(prepared.DataToSign);
        var e = await Should.ThrowAsync<SigningException>(() => signer.CompleteAsync(output, prepared, sig));
        e.Code.ShouldBe(SigningErrorCode.PreparedStateMismatch);
    }
}

public class VisibleSignaturesOnRotatedPages
{
    [Fact]
    public async Task TheBlockIsTurnedUprightForTheReaderAndStaysInsideItsRectangle()
    {
        // The same one-page sample, its page shown turned a quarter clockwise (/Rotate 90).
        var original = System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(SamplePdfs.ClassicXref())
            .Replace("<</Type /Page /Parent 2 0 R ", "<</Type /Page /Rotate 90 /Parent 2 0 R "));
        using var o = new TempPdf(original);
        // The edit shifted offsets; qpdf rewrites it into a clean rotated input.
        var fixedUp = Path.Combine(Path.GetTempPath(), $"docsign-rot-{Guid.NewGuid():N}.pdf");
        ExternalTool.Run("qpdf", [o.Path, fixedUp]);
        original = File.ReadAllBytes(fixedUp);
        File.Delete(fixedUp);

        var vis = new VisibleSignature { Page = 1, X = 480, Y = 300, Width = 90, Height = 250 };
        var signed = await SigningHarness.SignAsync(original, SamplePki.Names.CamatKanigaran, new SigningParameters { Visible = vis });
        var text = System.Text.Encoding.Latin1.GetString(signed);
        text.ShouldContain("/BBox [0 0 250 90]");
        text.ShouldContain("/Matrix [0 1 -1 0 0 0]");

        using var a = new TempPdf(original);
        using var b = new TempPdf(signed);
        var before = RenderedPage.Render(a.Path, 1);
        var after = RenderedPage.Render(b.Path, 1);
        before.Width.ShouldBeGreaterThan(before.Height); // shown landscape
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (int y = 0; y < after.Height; y++)
            for (int x = 0; x < after.Width; x++)
                if (after.At(x, y) != before.At(x, y)) { minX = Math.Min(minX, x); maxX = Math.Max(maxX, x); minY = Math.Min(minY, y); maxY = Math.Max(maxY, y); }
        // 250 x 90 pt as the reader sees it, at 50 dpi: about 174 x 63 px.
        (maxX - minX).ShouldBeInRange(150, 180);
        (maxY - minY).ShouldBeInRange(50, 66);

        Pdfsig.Verify(b.Path).Signatures.Single().IsValid.ShouldBeTrue();
    }
}
