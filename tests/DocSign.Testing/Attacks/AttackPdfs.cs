using System.Text;
using DocSign.Pdf;

namespace DocSign.Testing.Attacks;

/// <summary>
/// The known attacks on PDF signatures (PDF-Insecurity 2019: incremental saving, signature wrapping, universal
/// signature forgery; shadow attacks 2021; overlays), each applied to one of our own signed files. Every
/// method returns a new array; none may verify as VALID.
/// </summary>
public static partial class AttackPdfs
{
    // ---------------------------------------------------------------- incremental saving (ISA)

    /// <summary>A later revision replaces the first page's content stream with other text.</summary>
    public static byte[] ContentChangedInLaterRevision(byte[] signed) => Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var contentRef = (PdfReference)page.Dictionary["Contents"]!;
        w.Set(contentRef, PdfIncrementalWriter.CreateStream(new PdfDictionary(), Encoding.ASCII.GetBytes("BT /F1 18 Tf 72 760 Td (DOKUMEN PALSU) Tj ET\n"), compress: false));
    });

    /// <summary>The page's /Contents is re-pointed to a new stream object (a new number) with other text.</summary>
    public static byte[] ContentRepointedToNewObject(byte[] signed) => Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var fresh = w.AddStream(new PdfDictionary(), Encoding.ASCII.GetBytes("BT /F1 18 Tf 72 760 Td (DOKUMEN PALSU) Tj ET\n"), compress: false);
        w.EditDictionary(page.Reference!).Set("Contents", fresh);
    });

    /// <summary>The page's /Resources is re-pointed to a new dictionary whose font is another one.</summary>
    public static byte[] ResourcesRepointed(byte[] signed) => Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var font = w.Add(new PdfDictionary().Set("Type", new PdfName("Font")).Set("Subtype", new PdfName("Type1")).Set("BaseFont", new PdfName("Courier")));
        var res = w.Add(new PdfDictionary().Set("Font", new PdfDictionary().Set("F1", font)));
        w.EditDictionary(page.Reference!).Set("Resources", res);
    });

    /// <summary>A new content stream is added to the page (new object, page /Contents becomes an array).</summary>
    public static byte[] ContentAddedToPage(byte[] signed) => Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var extra = w.AddStream(new PdfDictionary(), Encoding.ASCII.GetBytes("BT /F1 30 Tf 72 400 Td (DISETUJUI) Tj ET\n"), compress: false);
        var d = w.EditDictionary(page.Reference!);
        d.Set("Contents", new PdfArray(page.Dictionary["Contents"]!, extra));
    });

    /// <summary>An object that redefines the page content is appended after the last %%EOF with no cross-reference section.</summary>
    public static byte[] ContentAppendedWithoutXref(byte[] signed)
    {
        using var file = PdfFile.Open(signed);
        var contentRef = (PdfReference)file.GetPages()[0].Dictionary["Contents"]!;
        var body = "BT /F1 18 Tf 72 760 Td (DOKUMEN PALSU) Tj ET\n";
        var tail = $"{contentRef.ObjectNumber} 0 obj\n<</Length {body.Length}>>\nstream\n{body}endstream\nendobj\n";
        return signed.Concat(Encoding.ASCII.GetBytes(tail)).ToArray();
    }

    /// <summary>The catalog gains an /OpenAction after signing.</summary>
    public static byte[] CatalogChanged(byte[] signed) => Update(signed, (file, w) =>
    {
        var cat = w.EditDictionary((PdfReference)file.Trailer["Root"]!);
        cat.Set("OpenAction", new PdfDictionary().Set("S", new PdfName("JavaScript")).Set("JS", PdfString.FromText("app.alert('x')")));
    });

    /// <summary>The page tree is re-pointed at a new page with other content.</summary>
    public static byte[] PageReplaced(byte[] signed) => Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var content = w.AddStream(new PdfDictionary(), Encoding.ASCII.GetBytes("BT /F1 18 Tf 72 760 Td (HALAMAN PALSU) Tj ET\n"), compress: false);
        var newPage = page.Dictionary.CloneDictionary();
        newPage.Set("Contents", content);
        newPage.Remove("Annots");
        var newRef = w.Add(newPage);
        var pagesRef = (PdfReference)page.Dictionary["Parent"]!;
        var pages = w.EditDictionary(pagesRef);
        var kids = (PdfArray)((PdfArray)file.Resolve(pages["Kids"])).Clone();
        kids[0] = newRef;
        pages.Set("Kids", kids);
    });

    // ---------------------------------------------------------------- overlays

    /// <summary>A FreeText annotation with an appearance that paints over the page.</summary>
    public static byte[] OverlayAnnotationAdded(byte[] signed) => Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var ap = w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
            .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 500, 60)),
            Encoding.ASCII.GetBytes("1 1 1 rg 0 0 500 60 re f BT /Helv 24 Tf 0 g 10 20 Td (DOKUMEN PALSU) Tj ET\n"), compress: false));
        var annot = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("FreeText"))
            .Set("Rect", PdfArray.OfNumbers(60, 740, 560, 800)).Set("Contents", PdfString.FromText("DOKUMEN PALSU"))
            .Set("DA", PdfString.FromText("/Helv 24 Tf 0 g")).Set("AP", new PdfDictionary().Set("N", ap)).Set("P", page.Reference!));
        AddAnnot(file, w, page, annot);
    });

    /// <summary>An empty (unsigned) signature field whose visible appearance covers the page text ("sneaky signature").</summary>
    public static byte[] EmptySignatureWidgetOverlay(byte[] signed) => Update(signed, (file, w) =>
    {
        var page = file.GetPages()[0];
        var ap = w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
            .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, 500, 60)),
            Encoding.ASCII.GetBytes("1 1 1 rg 0 0 500 60 re f\n"), compress: false));
        var widget = w.Add(new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Widget")).Set("FT", new PdfName("Sig"))
            .Set("T", PdfString.FromText("Sneaky")).Set("F", new PdfInteger(4))
            .Set("Rect", PdfArray.OfNumbers(60, 740, 560, 800)).Set("AP", new PdfDictionary().Set("N", ap)).Set("P", page.Reference!));
        AddAnnot(file, w, page, widget);
        AddToFields(file, w, widget);
    });

    /// <summary>Adds <paramref name="field"/> to the form's /Fields (the form must exist).</summary>
    public static void AddToFields(PdfFile file, PdfIncrementalWriter w, PdfReference field)
    {
        var cat = (PdfDictionary)file.Resolve(file.Trailer["Root"]);
        var acroObj = cat["AcroForm"];
        var acro = acroObj is PdfReference ar ? w.EditDictionary(ar) : ((PdfDictionary)file.Resolve(acroObj)).CloneDictionary();
        var fields = (PdfArray)((PdfArray)file.Resolve(acro["Fields"])).Clone();
        fields.Add(field);
        acro.Set("Fields", fields);
        if (acroObj is not PdfReference) w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("AcroForm", acro);
    }

    // ---------------------------------------------------------------- shadow attacks

    /// <summary>
    /// Unsigned base for hide-and-replace: revision 0 shows <paramref name="hiddenText"/>; revision 1 replaces the
    /// page content with <paramref name="shownText"/>. The signer sees and signs the shown text; both are in the signed bytes.
    /// </summary>
    public static byte[] ShadowBase(byte[] pdf, string shownText = "LAPORAN ASLI YANG DISETUJUI") => Update(pdf, (file, w) =>
    {
        var contentRef = (PdfReference)file.GetPages()[0].Dictionary["Contents"]!;
        w.Set(contentRef, PdfIncrementalWriter.CreateStream(new PdfDictionary(), Encoding.ASCII.GetBytes($"BT /F1 18 Tf 72 760 Td ({shownText}) Tj ET\n"), compress: false));
    });

    /// <summary>
    /// Hide-and-replace on a signed <see cref="ShadowBase"/>: a last revision holding only a cross-reference table
    /// that re-binds the page content's object number to its older bytes (inside the signed range). No new object.
    /// </summary>
    public static byte[] ShadowRepointToOldBytes(byte[] signedShadow)
    {
        using var file = PdfFile.Open(signedShadow);
        var contentRef = (PdfReference)file.GetPages()[0].Dictionary["Contents"]!;
        var oldEntry = file.AtRevision(0).GetEntry(contentRef.ObjectNumber)!.Value;
        return AppendXrefOnly(signedShadow, file, [(contentRef.ObjectNumber, oldEntry.Offset)]);
    }

    private static byte[] AppendXrefOnly(byte[] pdf, PdfFile file, IReadOnlyList<(int Num, long Offset)> entries)
    {
        var sb = new StringBuilder();
        long start = pdf.Length;
        var prefix = pdf[^1] == '\n' ? "" : "\n";
        start += prefix.Length;
        sb.Append(prefix).Append("xref\n0 1\n0000000000 65535 f \n");
        foreach (var (num, off) in entries) sb.Append($"{num} 1\n{off:D10} 00000 n \n");
        var t = file.Trailer;
        sb.Append("trailer\n<< /Size ").Append(t.GetInteger("Size")).Append(" /Root ").Append(t["Root"]).Append(" /Prev ").Append(file.Revisions[^1].XrefOffset);
        if (t["Info"] is { } info) sb.Append(" /Info ").Append(info);
        sb.Append(" >>\nstartxref\n").Append(start).Append("\n%%EOF\n");
        return pdf.Concat(Encoding.ASCII.GetBytes(sb.ToString())).ToArray();
    }

    /// <summary>
    /// A file whose revision 1 (the one a signer would sign) makes the page draw object 99, which its
    /// cross-reference places past the end of that revision; the object is appended later, followed by a
    /// revision 2 that states nothing new. Our reader refuses such an entry while it points outside the file,
    /// so no DocSign signer can sign revision 1; another tool could, and the appended object then "appears".
    /// Returns the file and the index of the revision that must not be trusted.
    /// </summary>
    public static byte[] ForwardPointingXref()
    {
        var pdf = SamplePdfs.SamplePdfs.ClassicXref();
        using var file = PdfFile.Open(pdf);
        var page = file.GetPages()[0];
        var dict = page.Dictionary.CloneDictionary();
        dict.Set("Contents", new PdfArray(page.Dictionary["Contents"]!, new PdfReference(99)));
        var prefix = pdf[^1] == '\n' ? "" : "\n";
        long objOffset = pdf.Length + prefix.Length;
        var obj = $"{page.Reference!.ObjectNumber} 0 obj\n{dict}\nendobj\n";
        long xref = objOffset + Encoding.ASCII.GetByteCount(obj);
        long forward = pdf.Length + 4096;
        var rev1 = new StringBuilder(prefix).Append(obj)
            .Append("xref\n0 1\n0000000000 65535 f \n")
            .Append($"{page.Reference.ObjectNumber} 1\n{objOffset:D10} 00000 n \n")
            .Append($"99 1\n{forward:D10} 00000 n \n")
            .Append($"trailer\n<< /Size 100 /Root {file.Trailer["Root"]} /Prev {file.Revisions[^1].XrefOffset} >>\nstartxref\n{xref}\n%%EOF\n").ToString();
        var bytes = new List<byte>(pdf);
        bytes.AddRange(Encoding.ASCII.GetBytes(rev1));
        long rev1Xref = xref;
        // Appended "after signing": filler up to the promised offset, the object, then an empty update.
        while (bytes.Count < forward) bytes.Add((byte)' ');
        var body = "BT /F1 30 Tf 72 400 Td (DOKUMEN PALSU) Tj ET\n";
        bytes.AddRange(Encoding.ASCII.GetBytes($"99 0 obj\n<</Length {body.Length}>>\nstream\n{body}endstream\nendobj\n"));
        long xref2 = bytes.Count;
        bytes.AddRange(Encoding.ASCII.GetBytes($"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 100 /Root {file.Trailer["Root"]} /Prev {rev1Xref} >>\nstartxref\n{xref2}\n%%EOF\n"));
        return bytes.ToArray();
    }

    // ---------------------------------------------------------------- signature wrapping (SWA) and USF (in place)

    /// <summary>The /ByteRange gap is widened 9 bytes to the left: bytes of the dictionary fall outside the signature.</summary>
    public static byte[] ByteRangeGapWidened(byte[] signed)
    {
        var (brStart, brLen, br) = FindByteRange(signed);
        var copy = (byte[])signed.Clone();
        WriteByteRange(copy, brStart, brLen, [br[0], br[1] - 9, br[2], br[3]]);
        return copy;
    }

    /// <summary>The second range stops 10 bytes short of the end: the tail of the file is unsigned.</summary>
    public static byte[] ByteRangeShort(byte[] signed)
    {
        var (s, l, br) = FindByteRange(signed);
        var copy = (byte[])signed.Clone();
        WriteByteRange(copy, s, l, [br[0], br[1], br[2], br[3] - 10]);
        return copy;
    }

    /// <summary>
    /// Signature wrapping: the second range is moved right so that the gap also swallows the /M entry after
    /// /Contents, and new bytes (another signing date) are written into that now-unsigned part of the gap.
    /// </summary>
    public static byte[] ByteRangeMovedWithNewBytesInGap(byte[] signed)
    {
        var (s, l, br) = FindByteRange(signed);
        var copy = (byte[])signed.Clone();
        int m = IndexOf(copy, Encoding.ASCII.GetBytes("/M"), (int)br[2]);
        if (m < 0 || m > br[2] + 64) throw new InvalidOperationException("no /M after /Contents");
        int close = Array.IndexOf(copy, (byte)')', m);
        long k = close + 1 - br[2];
        WriteByteRange(copy, s, l, [br[0], br[1], br[2] + k, br[3] - k]);
        int year = IndexOf(copy, Encoding.ASCII.GetBytes("(D:"), m) + 3;
        Encoding.ASCII.GetBytes("2019").CopyTo(copy, year);
        return copy;
    }

    /// <summary>/ByteRange with absurd values.</summary>
    public static byte[] ByteRangeAbsurd(byte[] signed)
    {
        var (s, l, _) = FindByteRange(signed);
        var copy = (byte[])signed.Clone();
        WriteByteRange(copy, s, l, [0, 9_999_999_999, 0, 9_999_999_999]);
        return copy;
    }

    /// <summary>/ByteRange with a negative number.</summary>
    public static byte[] ByteRangeNegative(byte[] signed)
    {
        var (s, l, br) = FindByteRange(signed);
        var copy = (byte[])signed.Clone();
        WriteByteRange(copy, s, l, [0, br[1], br[2], -1]);
        return copy;
    }

    /// <summary>/ByteRange key renamed (missing).</summary>
    public static byte[] ByteRangeMissing(byte[] signed) => Replace(signed, "/ByteRange", "/ByteRangX");

    /// <summary>/Contents key renamed (missing).</summary>
    public static byte[] ContentsMissing(byte[] signed) => Replace(signed, "/Contents <", "/Contentz <");

    /// <summary>/Contents all zeros (an empty signature).</summary>
    public static byte[] ContentsZeroed(byte[] signed)
    {
        var (_, _, br) = FindByteRange(signed);
        var copy = (byte[])signed.Clone();
        for (long i = br[1] + 1; i < br[2] - 1; i++) copy[i] = (byte)'0';
        return copy;
    }

    /// <summary>/Contents replaced by random hex (garbage CMS).</summary>
    public static byte[] ContentsGarbage(byte[] signed)
    {
        var (_, _, br) = FindByteRange(signed);
        var copy = (byte[])signed.Clone();
        var rnd = new Random(7);
        for (long i = br[1] + 1; i < br[2] - 1; i++) copy[i] = (byte)"0123456789ABCDEF"[rnd.Next(16)];
        return copy;
    }

    /// <summary>/Contents replaced by the empty string (the gap then holds only spaces).</summary>
    public static byte[] ContentsEmptyString(byte[] signed)
    {
        var (_, _, br) = FindByteRange(signed);
        var copy = (byte[])signed.Clone();
        copy[br[1] + 1] = (byte)'>';
        for (long i = br[1] + 2; i < br[2]; i++) copy[i] = (byte)' ';
        return copy;
    }

    /// <summary>One byte of the signed page text flipped.</summary>
    public static byte[] FlippedByte(byte[] signed)
    {
        var copy = (byte[])signed.Clone();
        var at = IndexOf(copy, Encoding.ASCII.GetBytes("Halaman 1"), 0);
        if (at < 0) at = 20;
        copy[at] ^= 0x01;
        return copy;
    }

    // ---------------------------------------------------------------- helpers

    public static byte[] Update(byte[] pdf, Action<PdfFile, PdfIncrementalWriter> edit)
    {
        using var file = PdfFile.Open(pdf);
        var w = new PdfIncrementalWriter(file);
        edit(file, w);
        var ms = new MemoryStream();
        w.WriteTo(ms);
        return ms.ToArray();
    }

    /// <summary>Appends <paramref name="annot"/> to the page's /Annots.</summary>
    public static void AddAnnot(PdfFile file, PdfIncrementalWriter w, PdfPage page, PdfReference annot)
    {
        var d = w.EditDictionary(page.Reference!);
        var annots = new PdfArray();
        if (w.Resolve(d["Annots"]) is PdfArray old) foreach (var a in old) annots.Add(a);
        annots.Add(annot);
        d.Set("Annots", annots);
    }

    /// <summary>The last /ByteRange array in the file: offset of '[', length up to and including ']', values.</summary>
    public static (int Start, int Length, long[] Values) FindByteRange(byte[] pdf)
    {
        var key = Encoding.ASCII.GetBytes("/ByteRange");
        int at = -1, from = 0;
        while (true)
        {
            int i = IndexOf(pdf, key, from);
            if (i < 0) break;
            at = i;
            from = i + 1;
        }
        if (at < 0) throw new InvalidOperationException("no /ByteRange");
        int open = Array.IndexOf(pdf, (byte)'[', at);
        int close = Array.IndexOf(pdf, (byte)']', open);
        var text = Encoding.ASCII.GetString(pdf, open + 1, close - open - 1);
        var values = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        // The writer pads the patched array with spaces to the placeholder's width: that room is usable.
        int end = close + 1;
        while (end < pdf.Length && pdf[end] == ' ') end++;
        return (open, end - open, values);
    }

    private static void WriteByteRange(byte[] pdf, int start, int length, long[] values)
    {
        var text = "[" + string.Join(' ', values) + "]";
        if (text.Length > length) throw new InvalidOperationException("byte range does not fit");
        var bytes = Encoding.ASCII.GetBytes(text.PadRight(length));
        Array.Copy(bytes, 0, pdf, start, length);
    }

    private static byte[] Replace(byte[] pdf, string what, string with)
    {
        var copy = (byte[])pdf.Clone();
        var a = Encoding.ASCII.GetBytes(what);
        int i = IndexOf(copy, a, 0);
        if (i < 0) throw new InvalidOperationException(what + " not found");
        Encoding.ASCII.GetBytes(with).CopyTo(copy, i);
        return copy;
    }

    private static int IndexOf(byte[] hay, byte[] needle, int from) => hay.AsSpan(from).IndexOf(needle) is var i && i >= 0 ? i + from : -1;
}
