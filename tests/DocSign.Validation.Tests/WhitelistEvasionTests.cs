using DocSign.Testing.Attacks;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>
/// A change to what the page shows is never let through because it is dressed up as an allowed change
/// (document information, XMP, structure tree, an old cross-reference stream) or hidden from the walk that
/// decides which objects the document still uses; an ambiguous cross-reference section is not read in the
/// signer's favour.
/// </summary>
public class WhitelistedChangesCannotCarryContentChanges
{
    private static async Task<VerificationReport> ShouldBeInvalidOther(byte[] attacked)
    {
        var r = await Signed.Verify(attacked);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Other, Signed.Describe(r));
        r.Signatures[0].DisallowedModification.ShouldBeTrue();
        return r;
    }

    private static async Task<byte[]> SignValid(byte[] prepared)
    {
        var signed = await TestSigner.SignAsync(prepared);
        var r = await Signed.Verify(signed);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        return signed;
    }

    [Fact]
    public async Task Page_content_change_hidden_behind_a_long_chain_from_info_is_found()
    {
        var signed = await Signed.BB();
        await ShouldBeInvalidOther(AttackPdfs.PageContentHiddenBehindLongInfoChain(signed));
    }

    [Fact]
    public async Task A_long_chain_added_to_info_alone_is_still_an_allowed_change()
    {
        // The same chain without any content change: /Info bookkeeping, not an accusation.
        var signed = await Signed.BB();
        var chainOnly = AttackPdfs.Update(signed, (file, w) =>
        {
            DocSign.Pdf.PdfObject next = file.GetPages()[0].Reference!;
            for (int i = 0; i < 600; i++) next = w.Add(new DocSign.Pdf.PdfDictionary().Set("Next", next));
            w.EditDictionary((DocSign.Pdf.PdfReference)file.Trailer["Info"]!).Set("Chain", next);
        });
        var r = await Signed.Verify(chainOnly);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
    }

    [Fact]
    public async Task Info_dictionary_that_is_also_the_page_resources_cannot_swap_the_font()
    {
        var signed = await SignValid(AttackPdfs.SharedInfoResourcesBase(SamplePdfs.MultiPageText(1)));
        await ShouldBeInvalidOther(AttackPdfs.SharedInfoResourcesFontSwapped(signed));
    }

    [Fact]
    public async Task Metadata_that_is_also_the_page_content_cannot_be_rewritten()
    {
        var signed = await SignValid(AttackPdfs.SharedMetadataContentBase(SamplePdfs.MultiPageText(1)));
        await ShouldBeInvalidOther(AttackPdfs.PageContentRewritten(signed));
    }

    [Fact]
    public async Task Structure_tree_that_also_names_the_page_content_cannot_carry_a_rewrite()
    {
        var signed = await SignValid(AttackPdfs.SharedStructContentBase(SamplePdfs.MultiPageText(1)));
        await ShouldBeInvalidOther(AttackPdfs.PageContentRewritten(signed));
    }

    [Fact]
    public async Task Old_xref_stream_number_the_page_draws_cannot_be_redefined()
    {
        var signed = await SignValid(AttackPdfs.OldXrefStreamDrawnBase(SamplePdfs.XrefStream()));
        await ShouldBeInvalidOther(AttackPdfs.OldXrefStreamNumberReused(signed));
    }

    [Fact]
    public async Task Object_named_twice_in_one_xref_stream_is_not_read_in_the_signers_favour()
    {
        var signed = await Signed.BB();
        await ShouldBeInvalidOther(XrefStreamAttacks.OverlappingIndexRanges(signed));
    }

    [Fact]
    public async Task Object_named_twice_in_one_xref_section_is_not_read_in_the_signers_favour()
    {
        var signed = await Signed.BB();
        await ShouldBeInvalidOther(AttackPdfs.DuplicateXrefEntryInOneSection(signed));
    }

    [Fact]
    public async Task Object_the_signed_page_referred_to_before_it_existed_cannot_be_filled_in_later()
    {
        var signed = await SignValid(AttackPdfs.DanglingReferenceBase(SamplePdfs.MultiPageText(1)));
        var r = await ShouldBeInvalidOther(AttackPdfs.DanglingReferenceFilled(signed));
        r.Signatures[0].Messages.ShouldContain(m => m.Contains($"objek {AttackPdfs.DanglingObject}"));
    }

    [Fact]
    public async Task Info_dictionary_that_is_also_the_optional_content_configuration_cannot_hide_text()
    {
        var signed = await SignValid(AttackPdfs.OptionalContentConfigIsInfoBase(SamplePdfs.MultiPageText(1)));
        await ShouldBeInvalidOther(AttackPdfs.OptionalContentHiddenThroughInfo(signed));
    }
}

/// <summary>Signature widgets cannot be used to paint over a signed page.</summary>
public class SignatureWidgetsCannotRepaintTheSignedPage
{
    [Fact]
    public async Task Second_field_reusing_the_first_signature_value_with_a_visible_appearance_is_not_valid()
    {
        var r = await Signed.Verify(AttackPdfs.SecondFieldReusingTheSignatureValue(await Signed.BB()));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].DisallowedModification.ShouldBeTrue();
        ((int)r.Signatures[0].ModificationsAfter).ShouldBeGreaterThanOrEqualTo((int)ModificationLevel.Annotations);
    }

    [Fact]
    public async Task Redrawn_appearance_of_a_signed_signature_is_not_valid_even_when_certification_allows_form_filling()
    {
        var signed = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { CertifyP = 2, Rect = [300, 60, 500, 110] });
        (await Signed.Verify(signed)).Verdict.ShouldBe(Verdict.Valid);
        var r = await Signed.Verify(AttackPdfs.SignatureAppearanceRedrawn(signed));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].DisallowedModification.ShouldBeTrue();
    }
}

/// <summary>Page tree, inherited attributes, actions, freed objects and the first signature's own objects: each is a change the signature does not allow.</summary>
public class StructuralChangesAfterSigningAreNotValid
{
    [Theory]
    [InlineData(nameof(AttackPdfs.InheritedRotateChanged))]
    [InlineData(nameof(AttackPdfs.InheritedMediaBoxChanged))]
    [InlineData(nameof(AttackPdfs.InheritedResourcesChanged))]
    [InlineData(nameof(AttackPdfs.PageRemoved))]
    [InlineData(nameof(AttackPdfs.PageAdded))]
    [InlineData(nameof(AttackPdfs.PageOpenJavaScript))]
    [InlineData(nameof(AttackPdfs.NamesJavaScriptAdded))]
    [InlineData(nameof(AttackPdfs.SignedObjectFreed))]
    [InlineData(nameof(AttackPdfs.FirstSignatureDictionaryChanged))]
    public async Task Change_is_invalid_other(string attack)
    {
        var make = (Func<byte[], byte[]>)Delegate.CreateDelegate(typeof(Func<byte[], byte[]>), typeof(AttackPdfs).GetMethod(attack)!);
        var r = await Signed.Verify(make(await Signed.BB()));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Other, Signed.Describe(r));
    }

    [Fact]
    public async Task First_signature_widget_moved_is_a_disallowed_annotation_change()
    {
        var r = await Signed.Verify(AttackPdfs.FirstSignatureWidgetMoved(await Signed.BB()));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        ((int)r.Signatures[0].ModificationsAfter).ShouldBeGreaterThanOrEqualTo((int)ModificationLevel.Annotations);
    }
}

/// <summary>Signed attributes that break the CMS rules are a format failure even though the signer's key made them.</summary>
public class MalformedSignedAttributesAreNotValid
{
    [Theory]
    [InlineData(nameof(CmsAttributeAttacks.WrongContentType))]
    [InlineData(nameof(CmsAttributeAttacks.MissingContentType))]
    [InlineData(nameof(CmsAttributeAttacks.TwoMessageDigests))]
    public async Task Signature_is_a_format_failure(string attack)
    {
        var make = (Func<byte[], Task<byte[]>>)Delegate.CreateDelegate(typeof(Func<byte[], Task<byte[]>>), typeof(CmsAttributeAttacks).GetMethod(attack)!);
        var r = await Signed.Verify(await make(await Signed.BB()));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].SubIndication.ShouldBe(SubIndication.FormatFailure, Signed.Describe(r));
    }
}

/// <summary>An empty signature field prepared in the document cannot be used to paint over the page without a new signature.</summary>
public class EmptySignatureFieldsCannotPaintWithoutANewSignature
{
    private static async Task<byte[]> SignedWithEmptyField(int? certifyP)
    {
        var signed = await TestSigner.SignAsync(EmptySignatureFieldAttacks.WithEmptyVisibleField(SamplePdfs.MultiPageText(1)), new TestSignOptions { CertifyP = certifyP });
        (await Signed.Verify(signed)).Verdict.ShouldBe(Verdict.Valid);
        return signed;
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public async Task Empty_field_appearance_redrawn_in_place_is_an_annotations_change(int? certifyP)
    {
        var r = await Signed.Verify(EmptySignatureFieldAttacks.EmptyFieldAppearanceRedrawn(await SignedWithEmptyField(certifyP)));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Annotations, Signed.Describe(r));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public async Task Empty_field_filled_with_the_existing_signature_value_is_an_annotations_change(int? certifyP)
    {
        var r = await Signed.Verify(EmptySignatureFieldAttacks.EmptyFieldGivenExistingValue(await SignedWithEmptyField(certifyP)));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        ((int)r.Signatures[0].ModificationsAfter).ShouldBeGreaterThanOrEqualTo((int)ModificationLevel.Annotations, Signed.Describe(r));
    }
}

/// <summary>The legitimate counterpart of the empty-field attacks: the product signer filling a prepared field after another signature.</summary>
public class PreparedFieldSignedLaterKeepsEarlierSignatureValid
{
    [Theory]
    [InlineData(null)]
    [InlineData(2)]
    public async Task Signing_the_prepared_field_with_a_new_signature_is_allowed(int? certifyP)
    {
        var first = await TestSigner.SignAsync(EmptySignatureFieldAttacks.WithEmptyVisibleField(SamplePdfs.MultiPageText(1), overText: false),
            new TestSignOptions { CertifyP = certifyP, Signer = SamplePki.Names.CamatKanigaran, FieldName = "Paraf" });
        using var token = DocSign.Signing.Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.SekcamKanigaran), SamplePki.Passphrase);
        using var input = new MemoryStream(first);
        using var output = new MemoryStream();
        await new DocSign.Signing.PadesSigner().SignAsync(input, output, new DocSign.Signing.SigningParameters { FieldName = "TTD Sekcam", Level = DocSign.Signing.PadesLevel.BB }, token);
        var r = await Signed.Verify(output.ToArray());
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures.Count.ShouldBe(2);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.FormFilling, Signed.Describe(r));
    }
}

/// <summary>
/// Evil annotation on a certified document: DocMDP P=3 permits annotations, but an annotation that paints over the
/// page means the auditor no longer sees what was signed. DocSign reports it as an ANNOTATIONS change and does not
/// call the document VALID (stricter than the bare P=3 permission, like EU DSS's overlap/visual-difference checks).
/// </summary>
public class EvilAnnotationOnCertifiedDocument
{
    [Fact]
    public async Task Overlay_annotation_after_p3_certification_is_reported_and_not_valid()
    {
        var certified = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { CertifyP = 3 });
        (await Signed.Verify(certified)).Verdict.ShouldBe(Verdict.Valid);
        var r = await Signed.Verify(AttackPdfs.OverlayAnnotationAdded(certified));
        r.Verdict.ShouldNotBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].DocMdpPermission.ShouldBe(3);
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.Annotations);
        r.Signatures[0].Messages.ShouldContain(m => m.Contains("FreeText"));
    }
}

/// <summary>The claimed signing time (/M) is the signer's claim: a contradiction with the proven time is said, and never decides.</summary>
public class ClaimedSigningTimeIsNotProof
{
    [Fact]
    public async Task Claimed_time_after_the_signature_timestamp_and_outside_the_certificate_is_reported()
    {
        PkiServices.EnsureRunning();
        var signed = await TestSigner.SignAsync(SamplePdfs.MultiPageText(1), new TestSignOptions { Tsa = SamplePki.TsaUrl, SigningTime = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        var r = await Signed.Verify(signed);
        var s = r.Signatures[0];
        s.ClaimedSigningTime.ShouldBe(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        s.Messages.ShouldContain(m => m.Contains("lebih lambat dari stempel waktu"), Signed.Describe(r));
        s.Messages.ShouldContain(m => m.Contains("di luar masa berlaku sertifikat"), Signed.Describe(r));
        // The chain is judged at the proven (timestamp) time, so the claim does not change the verdict.
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
    }
}
