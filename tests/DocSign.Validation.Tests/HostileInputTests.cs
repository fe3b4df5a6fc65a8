using System.IO.Compression;
using System.Text;
using DocSign.Testing.Attacks;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>
/// Files built to hurt a reader: each ends as "unreadable" (VerificationInputException, CLI exit 3) or as a
/// non-VALID result, never a crash, a hang or VALID. The time limit is cancellation-based and generous.
/// </summary>
public class HostileInputIsAnsweredNotCrashedOn
{
    public static TheoryData<string> ReaderCorpus() => new(HostilePdfs.All.Select(h => h.Name));

    private static async Task<VerificationReport?> VerifyHostile(byte[] pdf)
    {
        var options = Signed.Options(online: false);
        using var ms = new MemoryStream(pdf, writable: false);
        var task = PdfSignatureVerifier.Default.VerifyAsync(ms, new VerificationOptions
        {
            TrustAnchors = options.TrustAnchors, AllowOnlineRevocation = false, TimeLimit = TimeSpan.FromSeconds(20),
        });
        try
        {
            var r = await task.WaitAsync(TimeSpan.FromSeconds(60));
            r.Verdict.ShouldNotBe(Verdict.Valid, Signed.Describe(r));
            return r;
        }
        catch (VerificationInputException e)
        {
            e.Message.ShouldNotBeNullOrWhiteSpace();
            return null;
        }
    }

    [Theory]
    [MemberData(nameof(ReaderCorpus))]
    public async Task Hostile_reader_corpus_file_is_refused_with_a_reason(string name)
    {
        var pdf = HostilePdfs.All.Single(h => h.Name == name).Make();
        (await VerifyHostile(pdf)).ShouldBeNull("an unsigned hostile file is not a signed PDF");
    }

    [Fact]
    public async Task Not_a_pdf_and_empty_input_are_refused()
    {
        (await VerifyHostile(Encoding.ASCII.GetBytes("Hello, this is not a PDF"))).ShouldBeNull();
        (await VerifyHostile([])).ShouldBeNull();
    }

    [Fact]
    public async Task Unsigned_pdf_is_refused_as_not_signed()
    {
        using var ms = new MemoryStream(SamplePdfs.ClassicXref());
        var e = await Should.ThrowAsync<VerificationInputException>(() => PdfSignatureVerifier.Default.VerifyAsync(ms, Signed.Options(online: false)));
        e.Message.ShouldContain("tidak memuat tanda tangan");
    }

    [Fact]
    public async Task Truncated_signed_file_is_not_valid()
    {
        var signed = await Signed.BB();
        foreach (var cut in new[] { signed.Length - 3, signed.Length - 200, signed.Length / 2 })
            await VerifyHostile(signed[..cut]);
    }

    [Fact]
    public async Task Decompression_bomb_in_the_dss_does_not_exhaust_memory()
    {
        var signed = await Signed.BB();
        var zeros = new byte[64 * 1024 * 1024];
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(zeros);
        var bomb = ms.ToArray();
        var withBomb = AttackPdfs.Update(signed, (file, w) =>
        {
            var s = new DocSign.Pdf.PdfStream(new DocSign.Pdf.PdfDictionary().Set("Filter", new DocSign.Pdf.PdfName("FlateDecode")), bomb);
            var arr = new DocSign.Pdf.PdfArray(w.Add(s));
            var dss = new DocSign.Pdf.PdfDictionary().Set("Certs", arr).Set("OCSPs", arr).Set("CRLs", arr);
            w.EditDictionary((DocSign.Pdf.PdfReference)file.Trailer["Root"]!).Set("DSS", w.Add(dss));
        });
        var r = await VerifyHostile(withBomb);
        r.ShouldNotBeNull();
        r.Messages.ShouldContain(m => m.Contains("DSS"));
    }

    [Fact]
    public async Task Signature_field_tree_that_loops_is_read_once()
    {
        var signed = await Signed.BB();
        var looped = AttackPdfs.Update(signed, (file, w) =>
        {
            var cat = (DocSign.Pdf.PdfDictionary)file.Resolve(file.Trailer["Root"]);
            var acro = (DocSign.Pdf.PdfDictionary)file.Resolve(cat["AcroForm"]);
            var fields = (DocSign.Pdf.PdfArray)file.Resolve(acro["Fields"]);
            var parent = w.Allocate();
            w.Set(parent, new DocSign.Pdf.PdfDictionary().Set("T", DocSign.Pdf.PdfString.FromText("loop")).Set("Kids", new DocSign.Pdf.PdfArray(parent, fields[0])));
            var newAcro = acro.CloneDictionary();
            newAcro.Set("Fields", new DocSign.Pdf.PdfArray(fields[0], parent));
            w.EditDictionary((DocSign.Pdf.PdfReference)file.Trailer["Root"]!).Set("AcroForm", newAcro);
        });
        var r = await VerifyHostile(looped);
        r.ShouldNotBeNull();
        r.Signatures.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Oversized_file_is_refused_before_reading()
    {
        using var ms = new MemoryStream(await Signed.BB());
        var e = await Should.ThrowAsync<VerificationInputException>(() => PdfSignatureVerifier.Default.VerifyAsync(ms, new VerificationOptions { MaxFileSize = 1000 }));
        e.Message.ShouldContain("terlalu besar");
    }
}

/// <summary>Random damage to a signed file: never a crash, and never VALID when the damage is in signed bytes.</summary>
public class RandomDamageIsNeverValid
{
    [Fact]
    public async Task Byte_flips_in_signed_bytes_never_verify_valid_and_never_crash()
    {
        // B-LT with CRLs in the DSS: VALID offline when intact, so "not VALID" below means something.
        var bt = await Signed.BT();
        var (_, _, br) = AttackPdfs.FindByteRange(bt);
        var signed = TestSigner.AddDss(bt, [DocSign.Testing.Pki.SamplePki.SigningCa(), DocSign.Testing.Pki.SamplePki.LoadPem("tsa.pem")], [],
            [await OnlineValidationData.Crl("signing-ca.crl"), await OnlineValidationData.Crl("root-ca.crl")]);
        var rnd = new Random(20261121);
        var options = Signed.Options(online: false);
        (await Signed.Verify(signed, options)).Verdict.ShouldBe(Verdict.Valid);
        int answered = 0, refused = 0;
        for (int i = 0; i < 300; i++)
        {
            var copy = (byte[])signed.Clone();
            long at;
            do at = rnd.NextInt64(br[2] + br[3]); while (at >= br[1] && at < br[2]); // the signature's signed bytes only
            copy[at] = (byte)(copy[at] ^ (1 << rnd.Next(8)));
            using var ms = new MemoryStream(copy);
            try
            {
                var r = await PdfSignatureVerifier.Default.VerifyAsync(ms, options);
                r.Verdict.ShouldNotBe(Verdict.Valid, $"flip at {at}");
                answered++;
            }
            catch (VerificationInputException) { refused++; }
        }
        (answered + refused).ShouldBe(300);
        answered.ShouldBeGreaterThan(0);
    }
}
