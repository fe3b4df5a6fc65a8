using System.Text;
using DocSign.Pdf;
using DocSign.Signing;
using DocSign.Testing.Attacks;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Validation.Tests;

/// <summary>
/// The classes of the third hidden attack set, each with public cases of our own design and the honest controls
/// beside them that must stay VALID.
/// </summary>
public class HiddenClassesAreCaught
{
    // ---------------------------------------------------------------- form-level defaults

    [Fact]
    public async Task Form_defaults_changed_after_an_approval_signature_mark_the_form_as_filled()
    {
        var signed = await Own.Sign(ViewerForms.Blank(), new SigningParameters());
        var replacedFont = AttackPdfs.Update(signed, (file, w) =>
        {
            var acro = w.EditDictionary(ViewerForms.AcroForm(file));
            var courier = w.Add(new PdfDictionary().Set("Type", new PdfName("Font")).Set("Subtype", new PdfName("Type1")).Set("BaseFont", new PdfName("Courier")));
            acro.Set("DR", new PdfDictionary().Set("Font", new PdfDictionary().Set("Helv", courier)));
        });
        var needAppearances = AttackPdfs.Update(signed, (file, w) =>
            w.EditDictionary(ViewerForms.AcroForm(file)).Set("NeedAppearances", PdfBoolean.False));
        foreach (var changed in new[] { replacedFont, needAppearances })
        {
            var r = await Signed.Verify(changed);
            r.Verdict.ShouldBe(Verdict.Indeterminate, Signed.Describe(r));
            r.Signatures[0].MessageKeys.ShouldContain(MessageKey.FormFilledAfterSigning);
        }
    }

    [Fact]
    public async Task Control_a_font_added_to_the_form_resources_by_a_later_signer_stays_valid()
    {
        var signed = await Own.Sign(ViewerForms.Blank(), new SigningParameters());
        var added = AttackPdfs.Update(signed, (file, w) =>
        {
            var acro = w.EditDictionary(ViewerForms.AcroForm(file));
            var dr = ((PdfDictionary)file.Resolve(acro["DR"])).CloneDictionary();
            var fonts = ((PdfDictionary)file.Resolve(dr["Font"])).CloneDictionary();
            fonts.Set("ZaDb", w.Add(new PdfDictionary().Set("Type", new PdfName("Font")).Set("Subtype", new PdfName("Type1")).Set("BaseFont", new PdfName("ZapfDingbats"))));
            dr.Set("Font", fonts);
            acro.Set("DR", dr);
        });
        var r = await Signed.Verify(added);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
    }

    // ---------------------------------------------------------------- existing fields filled later

    [Fact]
    public async Task A_document_timestamp_filling_an_existing_field_with_a_drawing_is_not_valid()
    {
        PkiServices.EnsureRunning();
        var first = await TestSigner.SignAsync(EmptySignatureFieldAttacks.WithEmptyVisibleField(SamplePdfs.MultiPageText(1), overText: false),
            new TestSignOptions { FieldName = "Paraf" });
        var r = await Signed.Verify(await ExistingFieldTimestamp.Fill(first, SamplePki.TsaUrl, "1 1 1 rg 0 0 500 60 re f BT /Helv 20 Tf 0 g 10 20 Td (LUNAS) Tj ET\n"));
        r.Verdict.ShouldNotBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].Messages.ShouldContain(m => m.Contains("stempel waktu dokumen mengisi kolom"), Signed.Describe(r));
    }

    [Fact]
    public async Task Control_a_document_timestamp_in_an_existing_field_that_paints_nothing_stays_valid()
    {
        PkiServices.EnsureRunning();
        var first = await TestSigner.SignAsync(EmptySignatureFieldAttacks.WithEmptyVisibleField(SamplePdfs.MultiPageText(1), overText: false),
            new TestSignOptions { FieldName = "Paraf" });
        var r = await Signed.Verify(await ExistingFieldTimestamp.Fill(first, SamplePki.TsaUrl, ""));
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
        r.Signatures[0].ModificationsAfter.ShouldBe(ModificationLevel.LtaUpdates, Signed.Describe(r));
    }

    [Fact]
    public async Task A_later_trusted_signature_painting_over_the_first_signers_content_is_not_valid()
    {
        // A new field over the page title, by the Sekcam (whose key the verifier trusts).
        var first = await Own.Sign(SamplePdfs.MultiPageText(1), new SigningParameters());
        var over = await Own.Sign(first, new SigningParameters
        {
            FieldName = "Sekcam",
            Visible = new VisibleSignature { Page = 1, X = 60, Y = 700, Width = 300, Height = 90 },
        }, SamplePki.Names.SekcamKanigaran);
        var r = await Signed.Verify(over);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].Messages.ShouldContain(m => m.Contains("di atas isi yang sudah ditandatangani"));
        // The same in a field prepared over the text before the first signature.
        var prepared = await TestSigner.SignAsync(EmptySignatureFieldAttacks.WithEmptyVisibleField(SamplePdfs.MultiPageText(1), overText: true), new TestSignOptions { FieldName = "Paraf" });
        var filled = await Own.Sign(prepared, new SigningParameters { FieldName = "TTD Sekcam" }, SamplePki.Names.SekcamKanigaran);
        (await Signed.Verify(filled)).Verdict.ShouldBe(Verdict.Invalid);
    }

    [Fact]
    public async Task Control_a_later_visible_signature_beside_the_signed_content_stays_valid()
    {
        var first = await Own.Sign(SamplePdfs.MultiPageText(1), new SigningParameters());
        var beside = await Own.Sign(first, new SigningParameters
        {
            FieldName = "Sekcam",
            Visible = new VisibleSignature { Page = 1, X = 330, Y = 60, Width = 230, Height = 85 },
        }, SamplePki.Names.SekcamKanigaran);
        var r = await Signed.Verify(beside);
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
    }

    // ---------------------------------------------------------------- DocMDP P=2: the appearance of the value

    [Fact]
    public async Task Under_p2_a_checkbox_switched_to_a_signed_alternate_state_is_not_valid()
    {
        var certified = await Own.Sign(CheckBoxes.WithStates(evil: true), new SigningParameters { CertificationPermission = 2 });
        var r = await Signed.Verify(CheckBoxes.Switch(certified, "Evil"));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
    }

    [Fact]
    public async Task Control_under_p2_a_checkbox_ticked_as_viewers_do_stays_valid()
    {
        var certified = await Own.Sign(CheckBoxes.WithStates(evil: false), new SigningParameters { CertificationPermission = 2 });
        var r = await Signed.Verify(CheckBoxes.Switch(certified, "Yes"));
        r.Verdict.ShouldBe(Verdict.Valid, Signed.Describe(r));
    }

    [Fact]
    public async Task Under_p2_a_text_field_whose_appearance_is_not_its_value_is_not_valid()
    {
        var certified = await Own.Sign(ViewerForms.Blank(), new SigningParameters { CertificationPermission = 2 });
        var lying = AttackPdfs.Update(certified, (file, w) =>
        {
            var d = w.EditDictionary(ViewerForms.TextField(file));
            d.Set("V", PdfString.FromText("SETUJU"));
            var ap = w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
                .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 200, 20)),
                Encoding.ASCII.GetBytes("BT /Helv 12 Tf 0 g 2 5 Td (DITOLAK) Tj ET"), compress: false));
            d.Set("AP", new PdfDictionary().Set("N", ap));
        });
        var r = await Signed.Verify(lying);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
    }

    // ---------------------------------------------------------------- objects with two roles

    [Fact]
    public async Task An_info_dictionary_that_is_also_the_pages_font_is_not_bookkeeping()
    {
        // The page font is named /P (a skip key elsewhere) and is also the trailer's /Info.
        var signed = await TestSigner.SignAsync(TwoRoles.InfoIsPageFont());
        (await Signed.Verify(signed)).Verdict.ShouldBe(Verdict.Valid);
        var changed = AttackPdfs.Update(signed, (file, w) =>
            w.EditDictionary((PdfReference)file.Trailer["Info"]!).Set("BaseFont", new PdfName("Courier")));
        var r = await Signed.Verify(changed);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
    }

    [Fact]
    public async Task Xmp_metadata_that_is_also_an_annotation_appearance_is_not_bookkeeping()
    {
        var signed = await TestSigner.SignAsync(TwoRoles.MetadataIsStampAppearance());
        (await Signed.Verify(signed)).Verdict.ShouldBe(Verdict.Valid);
        var changed = AttackPdfs.Update(signed, (file, w) =>
        {
            var md = (PdfReference)((PdfDictionary)file.Resolve(file.Trailer["Root"]))["Metadata"]!;
            w.Set(md, PdfIncrementalWriter.CreateStream(new PdfDictionary().Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form"))
                .Set("BBox", PdfArray.OfNumbers(0, 0, 300, 60)), Encoding.ASCII.GetBytes("1 0 0 rg 0 0 300 60 re f\n"), compress: false));
        });
        var r = await Signed.Verify(changed);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
    }

    // ---------------------------------------------------------------- cross-reference reconstruction

    [Fact]
    public async Task A_hidden_definition_with_a_long_object_number_is_found()
    {
        var hidden = XrefRebuild.LongHeaderInXmp(await Signed.BB());
        var r = await Signed.Verify(hidden);
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
    }

    [Fact]
    public async Task A_hybrid_section_that_frees_an_object_in_its_table_and_restates_it_in_its_stream_is_not_valid()
    {
        var r = await Signed.Verify(XrefRebuild.FreedAndRestated(await Signed.BB()));
        r.Verdict.ShouldBe(Verdict.Invalid, Signed.Describe(r));
        r.Signatures[0].Messages.ShouldContain(m => m.Contains("/XRefStm"), Signed.Describe(r));
    }
}

/// <summary>A document timestamp put into an existing empty signature field, with the appearance given (empty: unchanged blank).</summary>
internal static class ExistingFieldTimestamp
{
    public static Task<byte[]> Fill(byte[] signed, Uri tsa, string appearance) => TestSigner.DocTimestampUpdateAsync(signed, tsa, (file, w, dts) =>
    {
        var acro = (PdfDictionary)file.Resolve(((PdfDictionary)file.Resolve(file.Trailer["Root"]))["AcroForm"]);
        var fieldRef = ((PdfArray)file.Resolve(acro["Fields"])).OfType<PdfReference>()
            .First(r => file.Resolve(r) is PdfDictionary d && d.GetName("FT") == "Sig" && d["V"] is null);
        var field = w.EditDictionary(fieldRef);
        field.Set("V", dts);
        if (appearance.Length == 0) return;
        var font = w.Add(new PdfDictionary().Set("Type", new PdfName("Font")).Set("Subtype", new PdfName("Type1")).Set("BaseFont", new PdfName("Helvetica")));
        var ap = w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
            .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 500, 60))
            .Set("Resources", new PdfDictionary().Set("Font", new PdfDictionary().Set("Helv", font))),
            Encoding.ASCII.GetBytes(appearance), compress: false));
        field.Set("AP", new PdfDictionary().Set("N", ap));
    });
}

/// <summary>A check box whose normal appearance has /Off and /Yes (and, prepared, a second "on" state /Evil painting a white box with other text).</summary>
internal static class CheckBoxes
{
    public static byte[] WithStates(bool evil) => AttackPdfs.Update(SamplePdfs.MultiPageText(1), (file, w) =>
    {
        var page = file.GetPages()[0];
        PdfReference State(string content) => w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
            .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 20, 20)),
            Encoding.ASCII.GetBytes(content), compress: false));
        var states = new PdfDictionary().Set("Off", State("")).Set("Yes", State("0 g 4 4 12 12 re f\n"));
        if (evil) states.Set("Evil", State("1 1 1 rg 0 0 20 20 re f\n"));
        var box = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Widget")).Set("FT", new PdfName("Btn"))
            .Set("T", PdfString.FromText("Setuju")).Set("V", new PdfName("Off")).Set("AS", new PdfName("Off"))
            .Set("Rect", PdfArray.OfNumbers(72, 600, 92, 620)).Set("P", page.Reference!)
            .Set("AP", new PdfDictionary().Set("N", states)));
        w.EditDictionary(page.Reference!).Set("Annots", new PdfArray(box));
        w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("AcroForm", w.Add(new PdfDictionary().Set("Fields", new PdfArray(box))));
    });

    public static byte[] Switch(byte[] signed, string state) => AttackPdfs.Update(signed, (file, w) =>
    {
        var fields = (PdfArray)file.Resolve(((PdfDictionary)file.Resolve(ViewerForms.AcroForm(file)))["Fields"]);
        var d = w.EditDictionary((PdfReference)fields[0]);
        d.Set("V", new PdfName(state)).Set("AS", new PdfName(state));
    });
}

/// <summary>Documents prepared before signing where one object plays two roles.</summary>
internal static class TwoRoles
{
    /// <summary>The page's font is listed under the name /P and is also the trailer's /Info.</summary>
    public static byte[] InfoIsPageFont()
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [4 0 R] /Count 1 /MediaBox [0 0 595 842]>>");
        w.Object(3, "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /Title (Surat)>>");
        w.Object(4, "<</Type /Page /Parent 2 0 R /Resources <</Font <</P 3 0 R>>>> /Contents 5 0 R>>");
        w.Stream(5, "<<>>", Encoding.Latin1.GetBytes("BT /P 18 Tf 72 760 Td (Surat keputusan) Tj ET\n"));
        w.ClassicXref("/Size 6 /Root 1 0 R /Info 3 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");
        return w.ToArray();
    }

    /// <summary>The catalog's /Metadata is the appearance stream of a stamp annotation on the page.</summary>
    public static byte[] MetadataIsStampAppearance() => AttackPdfs.Update(SamplePdfs.MultiPageText(1), (file, w) =>
    {
        var page = file.GetPages()[0];
        var ap = w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
            .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 300, 60)), [], compress: false));
        var stamp = w.Add(new PdfDictionary().Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Stamp"))
            .Set("Rect", PdfArray.OfNumbers(60, 500, 360, 560)).Set("AP", new PdfDictionary().Set("N", ap)).Set("P", page.Reference!));
        w.EditDictionary(page.Reference!).Set("Annots", new PdfArray(stamp));
        w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("Metadata", ap);
    });
}

/// <summary>Cross-reference constructions a rebuilding viewer reads differently.</summary>
internal static class XrefRebuild
{
    /// <summary>The hidden definition of the page content in an XMP stream, its header written with leading zeros
    /// ("000000000006 000000 obj"), which tokenizers read as object 6; the stream keeps its length.</summary>
    public static byte[] LongHeaderInXmp(byte[] signed)
    {
        var text = Encoding.Latin1.GetString(ViewerDifferentialAttacks.HiddenObjectInXmp(signed, breakStartxref: false));
        int xmp = text.LastIndexOf("<x:xmpmeta", StringComparison.Ordinal);
        int header = text.IndexOf(" 0 obj\n<</Length", xmp, StringComparison.Ordinal);
        int numStart = header;
        while (char.IsAsciiDigit(text[numStart - 1])) numStart--;
        string num = text[numStart..header];
        string longHeader = num.PadLeft(12, '0') + " 000000 obj";
        int grow = longHeader.Length - (num.Length + " 0 obj".Length);
        const string id = "W5M0MpCehiHzreSzNTczkc9d";
        int idAt = text.LastIndexOf(id, StringComparison.Ordinal);
        text = text[..idAt] + id[..(id.Length - grow)] + text[(idAt + id.Length)..];
        header -= grow; numStart -= grow;
        text = text[..numStart] + longHeader + text[(header + " 0 obj".Length)..];
        return Encoding.Latin1.GetBytes(text);
    }

    /// <summary>
    /// An update whose classic table frees the page's content object while its /XRefStm restates it in use at its
    /// old offset: DocSign's chain (and a PDF 1.5 reader) sees the old content, a table-only reader sees none.
    /// </summary>
    public static byte[] FreedAndRestated(byte[] signed)
    {
        using var file = PdfFile.Open(signed);
        var page = file.GetPages()[0];
        var content = (PdfReference)page.Dictionary["Contents"]!;
        var entry = file.Latest.GetEntry(content.ObjectNumber)!.Value;
        int size = (int)(file.Trailer.GetInteger("Size") ?? 0);
        long prev = file.Revisions[^1].XrefOffset;
        var ms = new MemoryStream();
        ms.Write(signed);
        void W(string s) => ms.Write(Encoding.Latin1.GetBytes(s));
        if (signed[^1] != '\n') W("\n");
        long stmAt = ms.Length;
        var row = new byte[7];
        row[0] = 1;
        for (int k = 0; k < 4; k++) row[1 + k] = (byte)(entry.Offset >> (8 * (3 - k)));
        W($"{size} 0 obj\n<</Type /XRef /Size {size + 1} /W [1 4 2] /Index [{content.ObjectNumber} 1] /Length 7>>\nstream\n");
        ms.Write(row);
        W("\nendstream\nendobj\n");
        long xrefAt = ms.Length;
        W($"xref\n0 1\n0000000000 65535 f \n{content.ObjectNumber} 1\n0000000000 00001 f \n{size} 1\n{stmAt:D10} 00000 n \n");
        W($"trailer\n<</Size {size + 1} /Root {((PdfReference)file.Trailer["Root"]!).ObjectNumber} 0 R /Prev {prev} /XRefStm {stmAt}>>\nstartxref\n{xrefAt}\n%%EOF\n");
        return ms.ToArray();
    }
}
