using DocSign.Pdf;
using DocSign.Testing.Attacks;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>
/// Where a viewer could read a signed file differently from DocSign, the difference is itself a finding: each
/// attack class (overlays through signature fields, xref reconstruction, linearization, signatures unlinked from
/// the field tree) on a B-B and a B-LTA file is never VALID, and the benign form of the same structure stays VALID.
/// </summary>
public class ViewerDifferentialTests
{
    private static readonly Lazy<Task<byte[]>> LtaLazy = new(async () =>
    {
        PkiServices.EnsureRunning();
        var bt = await Signed.BT();
        var crl = await OnlineValidationData.Crl("signing-ca.crl");
        var rootCrl = await OnlineValidationData.Crl("root-ca.crl");
        var lt = TestSigner.AddDss(bt, [SamplePki.SigningCa(), SamplePki.LoadPem("tsa.pem")], [], [crl, rootCrl]);
        return await TestSigner.AddDocTimestampAsync(lt, SamplePki.TsaUrl);
    });

    public static Task<byte[]> Base(string level) => level == "B-LTA" ? LtaLazy.Value : Signed.BB();

    private static async Task NotValid(byte[] attacked, string because)
    {
        var r = await Signed.Verify(attacked);
        r.Verdict.ShouldNotBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures.ShouldNotBeEmpty();
        r.Signatures[0].DisallowedModification.ShouldBeTrue(Signed.Describe(r));
        string.Join(" ", r.Signatures[0].Messages).ShouldContain(because, Case.Insensitive, Signed.Describe(r));
    }

    private static async Task StaysValid(byte[] benign)
    {
        var r = await Signed.Verify(benign);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
    }

    public static TheoryData<string> Levels() => new() { "B-B", "B-LTA" };

    // ---------------------------------------------------------------- overlays through signature fields

    public static TheoryData<string, string, string> OverlayCases()
    {
        var d = new TheoryData<string, string, string>();
        foreach (var level in new[] { "B-B", "B-LTA" })
        {
            d.Add(level, nameof(ViewerDifferentialAttacks.SignatureWidgetWithDanglingValue), "tanpa tanda tangan yang sah");
            d.Add(level, nameof(ViewerDifferentialAttacks.SignatureWidgetWithEmptyValue), "tanpa tanda tangan yang sah");
            d.Add(level, nameof(ViewerDifferentialAttacks.PrintOnlySignatureWidget), "dicetak");
            d.Add(level, nameof(ViewerDifferentialAttacks.HiddenSignatureWidgetShownByScript), "skrip");
            d.Add(level, nameof(ViewerDifferentialAttacks.SignatureWidgetWithDoubleSignRect), "dibaca berbeda");
            d.Add(level, nameof(ViewerDifferentialAttacks.SignatureWidgetWithFlagsBeyond32Bits), "32 bit");
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(OverlayCases))]
    public async Task A_signature_widget_that_paints_without_a_real_signature_is_not_valid(string level, string attack, string because)
    {
        var signed = await Base(level);
        var make = typeof(ViewerDifferentialAttacks).GetMethod(attack)!;
        await NotValid((byte[])make.Invoke(null, [signed])!, because);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_document_timestamp_whose_widget_paints_over_the_page_is_not_valid(string level)
    {
        PkiServices.EnsureRunning();
        var attacked = await ViewerDifferentialAttacks.VisibleDocumentTimestamp(await Base(level), SamplePki.TsaUrl);
        await NotValid(attacked, "stempel waktu dokumen dapat menggambar");
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Control_a_second_real_signature_with_a_visible_stamp_stays_valid(string level)
    {
        // Beside the signed text (which ends at y 727), as a later signature may stand; over it, it may not.
        var twice = await TestSigner.SignAsync(await Base(level), new TestSignOptions { FieldName = "Sekretaris", Rect = [60, 600, 300, 660] });
        await StaysValid(twice);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Control_an_invisible_empty_signature_field_added_later_stays_valid(string level) =>
        await StaysValid(ViewerDifferentialAttacks.BenignInvisibleEmptySignatureField(await Base(level)));

    [Fact]
    public async Task Control_an_invisible_document_timestamp_stays_valid()
    {
        PkiServices.EnsureRunning();
        await StaysValid(await TestSigner.AddDocTimestampAsync(await Signed.BB(), SamplePki.TsaUrl, "StempelWaktu2"));
    }

    // ---------------------------------------------------------------- xref reconstruction

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task An_object_hidden_in_xmp_behind_a_commented_startxref_is_found(string level) =>
        await NotValid(ViewerDifferentialAttacks.HiddenObjectInXmp(await Base(level)), "membangun ulang xref");

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task An_object_hidden_in_xmp_is_found_even_with_a_plain_startxref(string level) =>
        await NotValid(ViewerDifferentialAttacks.HiddenObjectInXmp(await Base(level), breakStartxref: false), "membangun ulang xref");

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task An_object_hidden_in_an_info_string_behind_a_signed_startxref_is_found(string level) =>
        await NotValid(ViewerDifferentialAttacks.HiddenObjectInInfoString(await Base(level)), "membangun ulang xref");

    [Fact]
    public async Task The_hidden_object_attacks_are_real_poppler_shows_the_hidden_text()
    {
        var signed = await Signed.BB();
        foreach (var attacked in new[] { ViewerDifferentialAttacks.HiddenObjectInXmp(signed), ViewerDifferentialAttacks.HiddenObjectInInfoString(signed) })
        {
            var path = Path.Combine(Path.GetTempPath(), $"docsign-hidden-{Guid.NewGuid():N}.pdf");
            await File.WriteAllBytesAsync(path, attacked);
            try
            {
                var text = ExternalTool.Run("pdftotext", ["-f", "1", "-l", "1", path, "-"]);
                text.StdOut.ShouldContain("DIBATALKAN", customMessage: "poppler did not take the hidden definition: " + text.Output);
            }
            finally { File.Delete(path); }
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Control_ordinary_metadata_behind_a_commented_startxref_stays_valid(string level)
    {
        var benign = ViewerDifferentialAttacks.BenignXmpWithCommentedStartxref(await Base(level));
        using (var f = PdfFile.Open(benign)) f.Revisions[^1].Leniencies.ShouldNotBeEmpty(); // the startxref is noticed...
        await StaysValid(benign);                                                              // ...and a rebuild agrees with the chain
    }

    // ---------------------------------------------------------------- linearization

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_first_page_xref_pointing_at_other_content_made_authoritative_by_padding_is_not_valid(string level)
    {
        const long declared = 200_000;
        var signed = await TestSigner.SignAsync(ViewerDifferentialAttacks.LinearizedWithFirstPageXref(declared, honest: false));
        if (level == "B-LTA")
        {
            PkiServices.EnsureRunning();
            signed = await TestSigner.AddDocTimestampAsync(signed, SamplePki.TsaUrl);
        }
        var padded = ViewerDifferentialAttacks.PadTo(signed, declared);
        await NotValid(padded, "xref halaman pertama");
    }

    [Fact]
    public async Task A_first_page_xref_that_disagreed_before_signing_is_not_blamed_on_the_signature()
    {
        // The disagreement is in the signed bytes (an odd producer), and after signing the file is no longer one
        // a viewer reads through its first-page section (its length is past /L): nothing changed after signing.
        var signed = await TestSigner.SignAsync(ViewerDifferentialAttacks.LinearizedWithFirstPageXref(200_000, honest: false));
        await StaysValid(signed);
    }

    [Fact]
    public async Task Control_a_first_page_xref_that_agrees_with_the_chain_stays_valid()
    {
        var signed = await TestSigner.SignAsync(ViewerDifferentialAttacks.LinearizedWithFirstPageXref(1000, honest: true));
        await StaysValid(signed);
    }

    [Fact]
    public async Task Control_a_file_linearized_by_qpdf_stays_valid_when_signed()
    {
        var dir = Directory.CreateTempSubdirectory("docsign-lin-").FullName;
        try
        {
            var input = Path.Combine(dir, "in.pdf");
            var output = Path.Combine(dir, "lin.pdf");
            await File.WriteAllBytesAsync(input, SamplePdfs.MultiPageText(3));
            var q = ExternalTool.Run("qpdf", ["--linearize", input, output]);
            q.ExitCode.ShouldBe(0, q.Output);
            var linearized = await File.ReadAllBytesAsync(output);
            using (var f = PdfFile.Open(linearized)) f.Linearization.ShouldNotBeNull().FirstPageEntries.ShouldNotBeNull();
            await StaysValid(await TestSigner.SignAsync(linearized));
        }
        finally { Directory.Delete(dir, true); }
    }

    // ---------------------------------------------------------------- signatures unlinked from the field tree

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_signature_dropped_from_the_field_tree_is_still_found_and_judged(string level)
    {
        var attacked = ViewerDifferentialAttacks.SignatureDroppedFromFields(await Base(level));
        var r = await Signed.Verify(attacked);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures.ShouldHaveSingleItem().DisallowedModification.ShouldBeTrue();
    }

    [Fact]
    public async Task Control_a_pdfsig_signature_outside_an_existing_form_is_found_and_valid()
    {
        NssDb.Available.ShouldBeTrue("certutil/pk12util (libnss3-tools) are needed for this test");
        var (db, nick) = NssDb.WithKey(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase, SamplePki.PathOf("root-ca.pem"));
        var dir = Directory.CreateTempSubdirectory("docsign-pdfsig-form-").FullName;
        try
        {
            // A document that already has a form (one text field): pdfsig then leaves its own field out of /Fields.
            var withForm = AttackPdfs.Update(SamplePdfs.MultiPageText(1), (file, w) =>
            {
                var page = file.GetPages()[0];
                var text = w.Add(new PdfDictionary().Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Widget"))
                    .Set("FT", new PdfName("Tx")).Set("T", PdfString.FromText("Nomor")).Set("Rect", PdfArray.OfNumbers(0, 0, 0, 0)).Set("P", page.Reference!));
                w.EditDictionary(page.Reference!).Set("Annots", new PdfArray(text));
                w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("AcroForm", w.Add(new PdfDictionary().Set("Fields", new PdfArray(text))));
            });
            var input = Path.Combine(dir, "in.pdf");
            var output = Path.Combine(dir, "out.pdf");
            await File.WriteAllBytesAsync(input, withForm);
            var run = ExternalTool.Run("pdfsig", ["-nssdir", "sql:" + db, "-add-signature", "-nick", nick, "-digest", "SHA256", input, output]);
            run.ExitCode.ShouldBe(0, run.ToString());
            var r = await Signed.Verify(await File.ReadAllBytesAsync(output));
            r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
            r.Signatures.ShouldHaveSingleItem().Signer!.Nip.ShouldBe("197403152001121003");
        }
        finally { Directory.Delete(dir, true); }
    }
}
