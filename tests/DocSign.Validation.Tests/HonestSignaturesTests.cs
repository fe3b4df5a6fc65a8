using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DocSign.Pdf;
using DocSign.Signing;
using DocSign.Testing.Attacks;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>Signatures DocSign or another producer made honestly, and the honest changes after them, are not accused.</summary>
public class HonestSignaturesAreNotAccused
{
    // ---------------------------------------------------------------- RSASSA-PSS

    [Fact]
    public async Task A_pss_signature_made_by_openssl_with_the_longest_salt_is_valid()
    {
        var pss = OpenSslPss.Resign(await Signed.BB());
        // saltLength [2] = 0xDE: 222 bytes (256 - 32 - 2), not the 32 .NET's own PSS verification assumes.
        System.Text.RegularExpressions.Regex.IsMatch(OpenSsl.CmsPrint(OpenSslPss.Cms(pss)).Output, @"cont \[ 2 \]\s+\d+:d=\d+\s+hl=\d+ l=\s*\d+ prim:\s+INTEGER\s+:DE").ShouldBeTrue();
        var r = await Signed.Verify(pss);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].SignatureAlgorithm.ShouldBe("RSA-PSS-SHA256");
    }

    [Fact]
    public async Task A_pss_signature_with_one_flipped_bit_is_a_crypto_failure()
    {
        var pss = OpenSslPss.Resign(await Signed.BB());
        var cms = OpenSslPss.Cms(pss);
        // The signature value is the last OCTET STRING of the SignerInfo: flip a bit near the end of the CMS.
        cms[^10] ^= 0x01;
        var r = await Signed.Verify(OpenSslPss.WithCms(pss, cms));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].Status.ShouldBe(ValidationStatus.Failed(FailedSubIndication.SigCryptoFailure));
    }

    [Fact]
    public async Task DocSign_signs_with_pss_on_request_and_openssl_and_its_own_verifier_accept_it()
    {
        var signed = await Own.Sign(SamplePdfs.MultiPageText(1), new SigningParameters { RsaPss = true });
        var r = await Signed.Verify(signed);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].SignatureAlgorithm.ShouldBe("RSA-PSS-SHA256");
        var (_, _, br) = AttackPdfs.FindByteRange(signed);
        var content = signed.AsSpan(0, (int)br[1]).ToArray().Concat(signed.AsSpan((int)br[2], (int)br[3]).ToArray()).ToArray();
        OpenSsl.CmsVerify(OpenSslPss.Cms(signed), content, SamplePki.PathOf("root-ca.pem"), purpose: "any").ExitCode.ShouldBe(0);
    }

    // ---------------------------------------------------------------- form filling as viewers write it

    [Fact]
    public async Task A_viewers_form_fill_after_a_certification_allowing_it_is_valid()
    {
        // Certified by DocSign with P=2, then filled as viewers save: the value as UTF-16, the empty default value
        // rewritten in other bytes, the field's /DA and /MK and appearance rewritten, a font added to /DR.
        var certified = await Own.Sign(ViewerForms.Blank(), new SigningParameters { CertificationPermission = 2 });
        var filled = ViewerForms.FillAsViewer(certified);
        var r = await Signed.Verify(filled);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].DocMdpPermission.ShouldBe(2);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.FormFilling);
    }

    [Fact]
    public async Task The_same_fill_after_an_approval_signature_follows_the_policy_setting()
    {
        var filled = ViewerForms.FillAsViewer(await Own.Sign(ViewerForms.Blank(), new SigningParameters()));
        var strict = await Signed.Verify(filled);
        strict.Verdict.ShouldBe(Verdict.Indeterminate, Signed.Describe(strict));
        strict.Signatures[0].MessageKeys.ShouldContain(MessageKey.FormFilledAfterSigning);
        strict.Signatures[0].DisallowedModification.ShouldBeFalse(); // an honest fill, never an attack
        var lax = await VerifyWith(filled, ValidationPolicy.Default with { FormFillingAfterApproval = ConstraintLevel.Ignore });
        lax.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(lax));
    }

    [Fact]
    public async Task An_empty_default_value_rewritten_in_other_bytes_is_no_change()
    {
        var signed = await Own.Sign(ViewerForms.Blank(), new SigningParameters());
        var rewritten = AttackPdfs.Update(signed, (file, w) =>
            w.EditDictionary(ViewerForms.TextField(file)).Set("DV", new PdfString([0xFE, 0xFF], isHex: true)));
        var r = await Signed.Verify(rewritten);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
    }

    [Fact]
    public async Task Changed_form_defaults_after_an_approval_signature_count_as_filling_the_form()
    {
        // The form's /DA changes how every field without its own /DA is drawn: form filling, not bookkeeping.
        var signed = await Own.Sign(ViewerForms.Blank(), new SigningParameters());
        var changed = AttackPdfs.Update(signed, (file, w) =>
            w.EditDictionary(ViewerForms.AcroForm(file)).Set("DA", PdfString.FromText("/Helv 30 Tf 1 0 0 rg")));
        var r = await Signed.Verify(changed);
        r.Verdict.ShouldBe(Verdict.Indeterminate, Signed.Describe(r));
        r.Signatures[0].MessageKeys.ShouldContain(MessageKey.FormFilledAfterSigning);
    }

    // ---------------------------------------------------------------- DocMDP

    [Fact]
    public async Task A_certification_with_p1_is_broken_by_a_form_fill()
    {
        var certified = await Own.Sign(ViewerForms.Blank(), new SigningParameters { CertificationPermission = 1 });
        (await Signed.Verify(certified)).Verdict.ShouldBe(Verdict.Valid);
        var r = await Signed.Verify(ViewerForms.FillAsViewer(certified));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].MessageKeys.ShouldContain(MessageKey.ChangedAfterNoChangesCertification);
    }

    [Fact]
    public async Task A_certification_with_p2_allows_a_second_signature_but_not_a_comment()
    {
        var certified = await Own.Sign(SamplePdfs.MultiPageText(1), new SigningParameters { CertificationPermission = 2 });
        var second = await Own.Sign(certified, new SigningParameters { FieldName = "Sekcam" }, SamplePki.Names.SekcamKanigaran);
        var r = await Signed.Verify(second);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        var commented = await Signed.Verify(Comments.Add(certified));
        commented.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(commented));
    }

    [Fact]
    public async Task A_certification_with_p3_allows_a_comment_but_nothing_else()
    {
        var certified = await Own.Sign(SamplePdfs.MultiPageText(1), new SigningParameters { CertificationPermission = 3 });
        var r = await Signed.Verify(Comments.Add(certified));
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Annotations);
        // A comment does not carry anything else along: changed page content still breaks it.
        var worse = await Signed.Verify(AttackPdfs.ContentChangedInLaterRevision(Comments.Add(certified)));
        worse.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(worse));
        // Nor does P=3 let an unsigned signature widget paint over the page.
        var sneaky = await Signed.Verify(AttackPdfs.EmptySignatureWidgetOverlay(certified));
        sneaky.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(sneaky));
    }

    [Fact]
    public async Task A_comment_after_an_approval_signature_is_allowed_only_where_the_policy_allows_comments()
    {
        var commented = Comments.Add(await Signed.BB());
        (await Signed.Verify(commented)).Verdict.ShouldBe(Verdict.Invalid);
        var r = await VerifyWith(commented, ValidationPolicy.Default with { CommentsAfterSigning = true });
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
    }

    [Fact]
    public async Task Only_the_first_signature_may_certify()
    {
        var ex = await Should.ThrowAsync<SigningException>(() =>
            Own.Sign(Signed.BB().Result, new SigningParameters { FieldName = "Kedua", CertificationPermission = 2 }));
        ex.Code.ShouldBe(SigningErrorCode.CertificationNotAllowed);
    }

    // ---------------------------------------------------------------- empty signature fields

    [Fact]
    public async Task An_added_empty_signature_field_that_draws_nothing_is_allowed()
    {
        var r = await Signed.Verify(EmptyFields.AddDrawingNothing(await Signed.BB()));
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
    }

    [Fact]
    public async Task Control_an_added_empty_signature_field_that_paints_is_still_caught()
    {
        var r = await Signed.Verify(AttackPdfs.EmptySignatureWidgetOverlay(await Signed.BB()));
        r.Verdict.ShouldNotBe(Verdict.Valid, Signed.Describe(r));
    }

    private static async Task<VerificationReport> VerifyWith(byte[] pdf, ValidationPolicy policy)
    {
        PkiServices.EnsureRunning();
        using var ms = new MemoryStream(pdf, writable: false);
        return await new PdfSignatureVerifier(policy: policy).VerifyAsync(ms, Signed.Options());
    }
}

/// <summary>Signing through DocSign's own signer (PadesSigner), as the CLI and the service do.</summary>
internal static class Own
{
    public static async Task<byte[]> Sign(byte[] pdf, SigningParameters parameters, string signer = SamplePki.Names.CamatKanigaran)
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(signer), SamplePki.Passphrase);
        using var input = new MemoryStream(pdf, writable: false);
        using var output = new MemoryStream();
        await new PadesSigner().SignAsync(input, output, parameters, token);
        return output.ToArray();
    }
}

/// <summary>An RSASSA-PSS CMS made by openssl (salt as long as the key allows) put in place of a DocSign signature.</summary>
internal static class OpenSslPss
{
    public static byte[] Resign(byte[] signed, string signer = SamplePki.Names.CamatKanigaran)
    {
        var (_, _, br) = AttackPdfs.FindByteRange(signed);
        var dir = Directory.CreateTempSubdirectory("docsign-pss-").FullName;
        try
        {
            string data = Path.Combine(dir, "data.bin"), key = Path.Combine(dir, "key.pem"), sig = Path.Combine(dir, "sig.der");
            File.WriteAllBytes(data, signed.AsSpan(0, (int)br[1]).ToArray().Concat(signed.AsSpan((int)br[2], (int)br[3]).ToArray()).ToArray());
            using (var cert = X509CertificateLoader.LoadPkcs12FromFile(SamplePki.P12(signer), SamplePki.Passphrase, X509KeyStorageFlags.Exportable))
            using (var rsa = cert.GetRSAPrivateKey()!)
                File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
            var r = ExternalTool.Run("openssl", ["cms", "-sign", "-binary", "-in", data, "-signer", SamplePki.PathOf(signer + ".pem"), "-inkey", key,
                "-certfile", SamplePki.PathOf("chain.pem"), "-md", "sha256", "-cades", "-nosmimecap", "-outform", "DER", "-out", sig,
                "-keyopt", "rsa_padding_mode:pss", "-keyopt", "rsa_pss_saltlen:max"]);
            r.ExitCode.ShouldBe(0, r.Output);
            return WithCms(signed, File.ReadAllBytes(sig));
        }
        finally { Directory.Delete(dir, true); }
    }

    public static byte[] WithCms(byte[] signed, byte[] cms)
    {
        var (_, _, br) = AttackPdfs.FindByteRange(signed);
        var hex = Convert.ToHexString(cms);
        if (hex.Length > br[2] - br[1] - 2) throw new InvalidOperationException("CMS larger than the placeholder");
        var copy = (byte[])signed.Clone();
        Encoding.ASCII.GetBytes(hex).CopyTo(copy, br[1] + 1);
        for (long i = br[1] + 1 + hex.Length; i < br[2] - 1; i++) copy[i] = (byte)'0';
        return copy;
    }

    /// <summary>The DER CMS in the last signature's /Contents (trailing zero padding cut by its own length).</summary>
    public static byte[] Cms(byte[] signed)
    {
        var (_, _, br) = AttackPdfs.FindByteRange(signed);
        var raw = Convert.FromHexString(Encoding.ASCII.GetString(signed, (int)br[1] + 1, (int)(br[2] - br[1] - 2)));
        var reader = new System.Formats.Asn1.AsnReader(raw, System.Formats.Asn1.AsnEncodingRules.BER, new() { SkipSetSortOrderVerification = true });
        return reader.ReadEncodedValue().ToArray();
    }
}

/// <summary>A one-page form with a text field, and the update a viewer saves when it fills that field.</summary>
internal static class ViewerForms
{
    public static byte[] Blank() => AttackPdfs.Update(SamplePdfs.MultiPageText(1), (file, w) =>
    {
        var page = file.GetPages()[0];
        var helv = w.Add(new PdfDictionary().Set("Type", new PdfName("Font")).Set("Subtype", new PdfName("Type1"))
            .Set("BaseFont", new PdfName("Helvetica")).Set("Encoding", new PdfName("WinAnsiEncoding")));
        var ap = w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
            .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 200, 20)), []));
        var field = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Widget")).Set("FT", new PdfName("Tx"))
            .Set("T", PdfString.FromText("Catatan")).Set("V", PdfString.FromText("")).Set("DV", PdfString.FromText(""))
            .Set("DA", PdfString.FromText("/Helv 0 Tf 0 g")).Set("MK", new PdfDictionary())
            .Set("Rect", PdfArray.OfNumbers(72, 600, 272, 620)).Set("P", page.Reference!)
            .Set("AP", new PdfDictionary().Set("N", ap)));
        w.EditDictionary(page.Reference!).Set("Annots", new PdfArray(field));
        var acro = w.Add(new PdfDictionary().Set("Fields", new PdfArray(field)).Set("DA", PdfString.FromText("/Helv 0 Tf 0 g"))
            .Set("DR", new PdfDictionary().Set("Font", new PdfDictionary().Set("Helv", helv))));
        w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("AcroForm", acro);
    });

    public static PdfReference AcroForm(PdfFile file) =>
        (PdfReference)((PdfDictionary)file.Resolve(file.Trailer["Root"]))["AcroForm"]!;

    public static PdfReference TextField(PdfFile file) =>
        ((PdfArray)file.Resolve(((PdfDictionary)file.Resolve(AcroForm(file)))["Fields"])).OfType<PdfReference>()
            .First(r => ((PdfDictionary)file.Resolve(r)).GetName("FT") == "Tx");

    public static byte[] FillAsViewer(byte[] signed) => AttackPdfs.Update(signed, (file, w) =>
    {
        var d = w.EditDictionary(TextField(file));
        d.Set("V", new PdfString([0xFE, 0xFF, 0, (byte)'S', 0, (byte)'E', 0, (byte)'L', 0, (byte)'E', 0, (byte)'S', 0, (byte)'A', 0, (byte)'I'], isHex: true));
        d.Set("DV", new PdfString([0xFE, 0xFF], isHex: true));
        d.Set("DA", PdfString.FromText("/Helv 12 Tf 0 g"));
        d.Set("MK", new PdfDictionary().Set("BG", PdfArray.OfNumbers(1)));
        var font = w.Add(new PdfDictionary().Set("Type", new PdfName("Font")).Set("Subtype", new PdfName("Type1"))
            .Set("BaseFont", new PdfName("ZapfDingbats")));
        var ap = w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
            .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 200, 20))
            .Set("Resources", new PdfDictionary().Set("Font", new PdfDictionary().Set("Helv", ((PdfDictionary)((PdfDictionary)file.Resolve(((PdfDictionary)file.Resolve(AcroForm(file)))["DR"]))["Font"]!)["Helv"]!))),
            Encoding.ASCII.GetBytes("/Tx BMC q BT /Helv 12 Tf 0 g 2 5 Td (SELESAI) Tj ET Q EMC"), compress: false));
        d.Set("AP", new PdfDictionary().Set("N", ap));
        var acro = w.EditDictionary(AcroForm(file));
        var dr = ((PdfDictionary)file.Resolve(acro["DR"])).CloneDictionary();
        var fonts = ((PdfDictionary)file.Resolve(dr["Font"])).CloneDictionary();
        fonts.Set("ZaDb", font);
        dr.Set("Font", fonts);
        acro.Set("DR", dr);
    });
}

/// <summary>A sticky-note comment (a /Text markup annotation) added to the first page.</summary>
internal static class Comments
{
    public static byte[] Add(byte[] signed) => AttackPdfs.Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var note = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Text"))
            .Set("Rect", PdfArray.OfNumbers(500, 700, 520, 720)).Set("Contents", PdfString.FromText("Mohon dicek ulang angka anggaran"))
            .Set("P", page.Reference!));
        AttackPdfs.AddAnnot(file, w, page, note);
    });
}

/// <summary>An empty signature field added after signing whose appearance draws nothing, in a rectangle on the page.</summary>
internal static class EmptyFields
{
    public static byte[] AddDrawingNothing(byte[] signed) => AttackPdfs.Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var ap = w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
            .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 200, 60)), []));
        var widget = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Widget")).Set("FT", new PdfName("Sig"))
            .Set("T", PdfString.FromText("TTD Sekcam")).Set("F", new PdfInteger(4))
            .Set("Rect", PdfArray.OfNumbers(330, 60, 530, 120)).Set("AP", new PdfDictionary().Set("N", ap)).Set("P", page.Reference!));
        AttackPdfs.AddAnnot(file, w, page, widget);
        AttackPdfs.AddToFields(file, w, widget);
    });
}
