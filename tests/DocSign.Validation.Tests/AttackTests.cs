using DocSign.Testing.Attacks;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>The attack corpus, made from our own signed files: none comes out VALID, and each is named for what it is.</summary>
public class AttacksAreNeverValid
{
    private static async Task<VerificationReport> VerifyAttack(Func<byte[], byte[]> attack)
    {
        var signed = await Signed.BB();
        var r = await Signed.Verify(attack(signed));
        r.Verdict.ShouldNotBe(Verdict.Valid, Signed.Describe(r));
        return r;
    }

    [Fact]
    public async Task Content_changed_in_a_later_revision_is_an_other_modification()
    {
        var r = await VerifyAttack(AttackPdfs.ContentChangedInLaterRevision);
        r.Verdict.ShouldBe(Verdict.Invalid);
        var s = r.Signatures.ShouldHaveSingleItem();
        s.ModificationsAfter.ShouldBe(ModificationLevel.Other);
        s.DisallowedModification.ShouldBeTrue();
        s.Indication.ShouldBe(Indication.TotalFailed);
        s.Coverage.ShouldBe(Coverage.EntireRevision);
    }

    [Fact]
    public async Task Content_repointed_to_a_new_object_is_an_other_modification()
    {
        var r = await VerifyAttack(AttackPdfs.ContentRepointedToNewObject);
        r.Verdict.ShouldBe(Verdict.Invalid);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Other);
    }

    [Fact]
    public async Task Resources_repointed_to_another_font_is_an_other_modification()
    {
        var r = await VerifyAttack(AttackPdfs.ResourcesRepointed);
        r.Verdict.ShouldBe(Verdict.Invalid);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Other);
    }

    [Fact]
    public async Task Content_added_to_the_page_is_an_other_modification()
    {
        var r = await VerifyAttack(AttackPdfs.ContentAddedToPage);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Other);
    }

    [Fact]
    public async Task Object_appended_after_the_last_eof_without_xref_is_reported()
    {
        var r = await VerifyAttack(AttackPdfs.ContentAppendedWithoutXref);
        r.Verdict.ShouldBe(Verdict.Invalid);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Other);
    }

    [Fact]
    public async Task Catalog_open_action_added_after_signing_is_disallowed()
    {
        var r = await VerifyAttack(AttackPdfs.CatalogChanged);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Other);
    }

    [Fact]
    public async Task Page_replaced_through_the_page_tree_is_disallowed()
    {
        var r = await VerifyAttack(AttackPdfs.PageReplaced);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Other);
    }

    [Fact]
    public async Task Overlay_annotation_added_after_signing_is_an_annotations_change()
    {
        var r = await VerifyAttack(AttackPdfs.OverlayAnnotationAdded);
        r.Verdict.ShouldBe(Verdict.Invalid);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Annotations);
    }

    [Fact]
    public async Task Visible_empty_signature_widget_over_the_page_is_an_annotations_change()
    {
        var r = await VerifyAttack(AttackPdfs.EmptySignatureWidgetOverlay);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Annotations);
    }

    [Fact]
    public async Task Later_revision_that_only_repoints_an_object_to_older_bytes_is_caught()
    {
        var shadow = await TestSigner.SignAsync(AttackPdfs.ShadowBase(SamplePdfs.MultiPageText(1)));
        (await Signed.Verify(shadow)).Verdict.ShouldBe(Verdict.Valid);
        var r = await Signed.Verify(AttackPdfs.ShadowRepointToOldBytes(shadow));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Other);
        r.Signatures[0].Messages.ShouldContain(m => m.Contains("hide-and-replace"));
    }

    [Fact]
    public void Signed_revision_whose_xref_points_past_its_own_end_is_caught()
    {
        using var file = DocSign.Pdf.PdfFile.Open(AttackPdfs.ForwardPointingXref());
        file.Revisions.Count.ShouldBe(3);
        var result = new DocSign.Validation.PdfStructure.ModificationAnalyzer(file, ModificationPolicy.Default).Analyze(1);
        result.Level.ShouldBe(ModificationLevel.Other);
        result.Findings.ShouldContain(f => f.Contains("objek 99") && f.Contains("di luar bagian yang ditandatangani"));
        // The original revision is unaffected by the forward entry of the later one.
        new DocSign.Validation.PdfStructure.ModificationAnalyzer(file, ModificationPolicy.Default).Analyze(0).Findings.ShouldNotContain(f => f.Contains("di luar"));
    }

    [Theory]
    [InlineData(nameof(AttackPdfs.ByteRangeGapWidened))]
    [InlineData(nameof(AttackPdfs.ByteRangeShort))]
    [InlineData(nameof(AttackPdfs.ByteRangeMovedWithNewBytesInGap))]
    [InlineData(nameof(AttackPdfs.ByteRangeAbsurd))]
    [InlineData(nameof(AttackPdfs.ByteRangeNegative))]
    [InlineData(nameof(AttackPdfs.ByteRangeMissing))]
    [InlineData(nameof(AttackPdfs.ContentsMissing))]
    [InlineData(nameof(AttackPdfs.ContentsZeroed))]
    [InlineData(nameof(AttackPdfs.ContentsGarbage))]
    [InlineData(nameof(AttackPdfs.ContentsEmptyString))]
    public async Task Malformed_byte_range_or_contents_is_a_format_failure(string attack)
    {
        var make = (Func<byte[], byte[]>)Delegate.CreateDelegate(typeof(Func<byte[], byte[]>), typeof(AttackPdfs).GetMethod(attack)!);
        var r = await VerifyAttack(make);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        var s = r.Signatures.ShouldHaveSingleItem();
        s.Indication.ShouldBe(Indication.TotalFailed);
        s.SubIndication.ShouldBe(SubIndication.FormatFailure, Signed.Describe(r));
    }

    [Fact]
    public async Task Flipped_byte_in_signed_content_is_a_hash_failure()
    {
        var r = await VerifyAttack(AttackPdfs.FlippedByte);
        r.Verdict.ShouldBe(Verdict.Invalid);
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.HashFailure);
    }

    [Fact]
    public async Task Key_outside_the_trust_anchors_is_indeterminate_no_chain()
    {
        var signed = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { Signer = SamplePki.Names.Untrusted });
        var r = await Signed.Verify(signed);
        r.Verdict.ShouldBe(Verdict.Indeterminate, Signed.Describe(r));
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.NoCertificateChainFound);
        r.Signatures[0].ChainTrusted.ShouldBeFalse();
    }

    [Fact]
    public async Task Valid_signature_is_not_trusted_without_any_configured_anchor()
    {
        var r = await Signed.Verify(await Signed.BB(), Signed.Options(anchors: new()));
        r.Verdict.ShouldBe(Verdict.Indeterminate);
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.NoCertificateChainFound);
    }

    [Fact]
    public async Task Certificate_revoked_before_the_proven_signing_time_is_total_failed_revoked()
    {
        PkiServices.EnsureRunning();
        var signed = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { Signer = SamplePki.Names.Revoked, Tsa = SamplePki.TsaUrl });
        var r = await Signed.Verify(signed);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.Revoked);
    }

    [Fact]
    public async Task Expired_certificate_without_proof_of_existence_is_out_of_bounds()
    {
        var signed = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { Signer = SamplePki.Names.Expired });
        var r = await Signed.Verify(signed);
        r.Verdict.ShouldBe(Verdict.Indeterminate, Signed.Describe(r));
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.OutOfBoundsNoPoe);
    }

    [Fact]
    public async Task Certified_no_changes_document_signed_again_is_disallowed()
    {
        var certified = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { CertifyP = 1 });
        (await Signed.Verify(certified)).Verdict.ShouldBe(Verdict.Valid);
        var again = await TestSigner.SignAsync(certified, new TestSignOptions { FieldName = "Kedua" });
        var r = await Signed.Verify(again);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].DocMdpPermission.ShouldBe(1);
        r.Signatures[0].DisallowedModification.ShouldBeTrue();
    }
}

/// <summary>Certificates that may not sign, and substituted signer certificates, never pass.</summary>
public class CertificateMisuseIsNotValid
{
    [Fact]
    public async Task Certificate_without_signing_key_usage_is_a_chain_constraints_failure()
    {
        var signed = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { Signer = SamplePki.Names.NoSigningUsage });
        var r = await Signed.Verify(signed);
        r.Verdict.ShouldNotBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.ChainConstraintsFailure);
    }

    [Fact]
    public async Task Certificate_not_yet_valid_is_out_of_bounds()
    {
        var signed = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { Signer = SamplePki.Names.NotYetValid });
        var r = await Signed.Verify(signed);
        r.Verdict.ShouldBe(Verdict.Indeterminate, Signed.Describe(r));
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.OutOfBoundsNoPoe);
    }

    [Fact]
    public async Task Signing_certificate_attribute_naming_another_certificate_is_caught()
    {
        // Signed by the Camat's key, but the signed attributes name the Sekcam's certificate (a substitution).
        var pdf = SamplePdfs.MultiPageText(1);
        using var camat = DocSign.Signing.Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        var sekcam = SamplePki.LoadPem("sekcam-kanigaran.pem");
        var signed = await TestSigner.SignAsync(pdf);
        var (_, _, br) = AttackPdfs.FindByteRange(signed);
        var digest = TestSigner.HashRanges(signed, br, System.Security.Cryptography.HashAlgorithmName.SHA256);
        var attrs = DocSign.Signing.CadesSignedData.BuildSignedAttributes(digest, sekcam, System.Security.Cryptography.HashAlgorithmName.SHA256);
        var value = await camat.SignAsync(attrs, System.Security.Cryptography.HashAlgorithmName.SHA256);
        var cms = DocSign.Signing.CadesSignedData.Build(attrs, value, camat.Certificate, camat.Chain, System.Security.Cryptography.HashAlgorithmName.SHA256);
        var hex = Convert.ToHexString(cms);
        var copy = (byte[])signed.Clone();
        System.Text.Encoding.ASCII.GetBytes(hex).CopyTo(copy, br[1] + 1);
        for (long i = br[1] + 1 + hex.Length; i < br[2] - 1; i++) copy[i] = (byte)'0';
        var r = await Signed.Verify(copy);
        r.Verdict.ShouldNotBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.NoSigningCertificateFound);
    }
}

/// <summary>Form fields filled in after an approval signature: not an attack on the signature, but not what the signer saw.</summary>
public class FormFillingAfterSigning
{
    internal static byte[] WithTextField()
    {
        // A one-page document with a text field (empty) whose widget sits on the page.
        return AttackPdfs.Update(SamplePdfs.MultiPageText(1), (file, w) =>
        {
            var page = file.GetPages()[0];
            var ap = w.Add(DocSign.Pdf.PdfIncrementalWriter.CreateStream(new DocSign.Pdf.PdfDictionary()
                .Set("Type", new DocSign.Pdf.PdfName("XObject")).Set("Subtype", new DocSign.Pdf.PdfName("Form")).Set("BBox", DocSign.Pdf.PdfArray.OfNumbers(0, 0, 200, 20)), []));
            var field = w.Add(new DocSign.Pdf.PdfDictionary()
                .Set("Type", new DocSign.Pdf.PdfName("Annot")).Set("Subtype", new DocSign.Pdf.PdfName("Widget")).Set("FT", new DocSign.Pdf.PdfName("Tx"))
                .Set("T", DocSign.Pdf.PdfString.FromText("Catatan")).Set("V", DocSign.Pdf.PdfString.FromText(""))
                .Set("Rect", DocSign.Pdf.PdfArray.OfNumbers(72, 600, 272, 620)).Set("P", page.Reference!)
                .Set("AP", new DocSign.Pdf.PdfDictionary().Set("N", ap)));
            var pd = w.EditDictionary(page.Reference!);
            pd.Set("Annots", new DocSign.Pdf.PdfArray(field));
            var acro = w.Add(new DocSign.Pdf.PdfDictionary().Set("Fields", new DocSign.Pdf.PdfArray(field)));
            w.EditDictionary((DocSign.Pdf.PdfReference)file.Trailer["Root"]!).Set("AcroForm", acro);
        });
    }

    internal static byte[] Fill(byte[] signed) => AttackPdfs.Update(signed, (file, w) =>
    {
        var acro = (DocSign.Pdf.PdfDictionary)file.Resolve(((DocSign.Pdf.PdfDictionary)file.Resolve(file.Trailer["Root"]))["AcroForm"]);
        var fieldRef = ((DocSign.Pdf.PdfArray)file.Resolve(acro["Fields"])).OfType<DocSign.Pdf.PdfReference>()
            .First(r => ((DocSign.Pdf.PdfDictionary)file.Resolve(r)).GetName("FT") == "Tx");
        var d = w.EditDictionary(fieldRef);
        d.Set("V", DocSign.Pdf.PdfString.FromText("DIBATALKAN"));
        var ap = w.Add(DocSign.Pdf.PdfIncrementalWriter.CreateStream(new DocSign.Pdf.PdfDictionary()
            .Set("Type", new DocSign.Pdf.PdfName("XObject")).Set("Subtype", new DocSign.Pdf.PdfName("Form")).Set("BBox", DocSign.Pdf.PdfArray.OfNumbers(0, 0, 200, 20)),
            System.Text.Encoding.ASCII.GetBytes("BT /Helv 12 Tf 2 5 Td (DIBATALKAN) Tj ET"), compress: false));
        d.Set("AP", new DocSign.Pdf.PdfDictionary().Set("N", ap));
    });

    [Fact]
    public async Task Filled_field_after_approval_signature_is_form_filling_and_not_valid()
    {
        var signed = await TestSigner.SignAsync(WithTextField());
        (await Signed.Verify(signed)).Verdict.ShouldBe(Verdict.Valid);
        var r = await Signed.Verify(Fill(signed));
        r.Verdict.ShouldBe(Verdict.Indeterminate, Signed.Describe(r));
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.FormFilling);
        r.Signatures[0].DisallowedModification.ShouldBeFalse();
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.SigConstraintsFailure);
    }

    [Fact]
    public async Task Filled_field_after_certification_allowing_form_filling_is_valid()
    {
        var signed = await TestSigner.SignAsync(WithTextField(), new TestSignOptions { CertifyP = 2 });
        var r = await Signed.Verify(Fill(signed));
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.FormFilling);
    }
}
