using System.Text;
using DocSign.Pdf;

namespace DocSign.Testing.Attacks;

/// <summary>
/// Attacks that live in the gap between how DocSign reads a signed file and how a viewer shows it: signature
/// widgets that paint over the page while claiming to be form filling or an LTA update, object definitions a
/// viewer finds only when it rebuilds the cross-reference, a linearized file's first-page cross-reference made
/// authoritative after signing, and a signature unlinked from the field tree. Each is applied to a signed file
/// (B-B or B-LTA) and none may verify as VALID; <c>Benign*</c> methods build the harmless form of the same
/// structure, which must stay VALID.
/// </summary>
public static class ViewerDifferentialAttacks
{
    private const string Forged = "1 1 1 rg 0 0 480 80 re f BT /Helv 28 Tf 0 g 12 30 Td (SURAT INI DIBATALKAN) Tj ET\n";

    // ---------------------------------------------------------------- overlays through signature fields

    /// <summary>A new signature field whose /V names an object that does not exist, with a drawing appearance.</summary>
    public static byte[] SignatureWidgetWithDanglingValue(byte[] signed) => AddSignatureWidget(signed, "Persetujuan2",
        (file, w) => new PdfReference(BigestNumber(file) + 50, 0), flags: 4, rect: [60, 700, 540, 780]);

    /// <summary>A new signature field whose /V is an empty dictionary, with a drawing appearance.</summary>
    public static byte[] SignatureWidgetWithEmptyValue(byte[] signed) => AddSignatureWidget(signed, "Persetujuan2",
        (file, w) => w.Add(new PdfDictionary()), flags: 4, rect: [60, 700, 540, 780]);

    /// <summary>An empty signature field shown only on paper: NoView with Print.</summary>
    public static byte[] PrintOnlySignatureWidget(byte[] signed) => AddSignatureWidget(signed, "Cetak",
        (file, w) => null, flags: 32 | 4, rect: [60, 700, 540, 780]);

    /// <summary>A hidden empty signature field with a page-open script on the widget that makes it visible.</summary>
    public static byte[] HiddenSignatureWidgetShownByScript(byte[] signed) => AddSignatureWidget(signed, "Tersembunyi",
        (file, w) => null, flags: 2, rect: [60, 700, 540, 780],
        extra: d => d.Set("AA", new PdfDictionary().Set("PO", new PdfDictionary().Set("S", new PdfName("JavaScript"))
            .Set("JS", PdfString.FromText("this.getField('Tersembunyi').display = display.visible;")))));

    /// <summary>An empty signature widget whose /Rect DocSign once read as a point and viewers read as a box ("--" numbers).</summary>
    public static byte[] SignatureWidgetWithDoubleSignRect(byte[] signed) => Patch(
        AddSignatureWidget(signed, "Ganda", (file, w) => null, flags: 4, rect: [300, 740, 30000, 74000]),
        "[300 740 30000 74000]", "[300 740 --300 --740]");

    /// <summary>An empty signature widget whose /F needs more than 32 bits: NoView for a 64-bit reader, nothing for a 32-bit one.</summary>
    public static byte[] SignatureWidgetWithFlagsBeyond32Bits(byte[] signed) => AddSignatureWidget(signed, "Bendera",
        (file, w) => null, flags: (1L << 32) | 32, rect: [60, 700, 540, 780]);

    /// <summary>A real document timestamp (from <paramref name="tsa"/>) whose widget paints over the page.</summary>
    public static Task<byte[]> VisibleDocumentTimestamp(byte[] signed, Uri tsa) =>
        TestSigner.DocTimestampUpdateAsync(signed, tsa, (file, w, dts) => AddWidget(file, w, "StempelWaktu", dts, 4, [60, 700, 540, 780], null));

    /// <summary>Benign: an empty signature field without an area (nothing to paint), added after signing.</summary>
    public static byte[] BenignInvisibleEmptySignatureField(byte[] signed) => AddSignatureWidget(signed, "Cadangan",
        (file, w) => null, flags: 4, rect: [0, 0, 0, 0], appearance: false);

    // ---------------------------------------------------------------- xref reconstruction

    /// <summary>
    /// A new XMP stream (an allowed LTA change) whose data holds a complete definition of the first page's content
    /// object with other text; the final startxref carries a comment, so viewers that do not accept it rebuild the
    /// cross-reference by scanning and take the hidden definition.
    /// </summary>
    public static byte[] HiddenObjectInXmp(byte[] signed, bool breakStartxref = true)
    {
        int content = FirstPageContent(signed);
        var hidden = HiddenDefinition(content);
        var xmp = "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'>\n" + hidden + "\n</x:xmpmeta><?xpacket end='w'?>";
        var updated = AttackPdfs.Update(signed, (file, w) =>
        {
            var md = w.AddStream(new PdfDictionary().Set("Type", new PdfName("Metadata")).Set("Subtype", new PdfName("XML")), Encoding.Latin1.GetBytes(xmp), compress: false);
            w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("Metadata", md);
        });
        return breakStartxref ? CommentInLastStartxref(updated) : updated;
    }

    /// <summary>The same hidden definition carried in an /Info string, with a signed ("+") startxref.</summary>
    public static byte[] HiddenObjectInInfoString(byte[] signed)
    {
        int content = FirstPageContent(signed);
        var updated = AttackPdfs.Update(signed, (file, w) =>
        {
            var keywords = new PdfString(Encoding.Latin1.GetBytes("\n" + HiddenDefinition(content) + "\n"));
            if (file.Trailer["Info"] is PdfReference ir) w.EditDictionary(ir).Set("Keywords", keywords);
            else w.SetTrailerEntry("Info", w.Add(new PdfDictionary().Set("Keywords", keywords)));
        });
        // The writer escapes line breaks in strings ("\\n"); an attacker writes them raw (" " + LF keeps every offset),
        // so the definition stands on its own lines inside the string, as a scanning viewer meets it.
        var text = Encoding.Latin1.GetString(updated);
        int at = text.LastIndexOf("/Keywords (", StringComparison.Ordinal);
        int end = text.IndexOf("endobj", at, StringComparison.Ordinal);
        text = text[..at] + text[at..end].Replace("\\n", " \n") + text[end..];
        return SignInLastStartxref(Encoding.Latin1.GetBytes(text));
    }

    /// <summary>Benign: a new XMP stream with ordinary metadata, the startxref carrying a comment.</summary>
    public static byte[] BenignXmpWithCommentedStartxref(byte[] signed)
    {
        var updated = AttackPdfs.Update(signed, (file, w) =>
        {
            var md = w.AddStream(new PdfDictionary().Set("Type", new PdfName("Metadata")).Set("Subtype", new PdfName("XML")),
                Encoding.ASCII.GetBytes("<?xpacket begin=''?><x:xmpmeta xmlns:x='adobe:ns:meta/'><dc:title>Laporan</dc:title></x:xmpmeta><?xpacket end='w'?>"), compress: false);
            w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("Metadata", md);
        });
        return CommentInLastStartxref(updated);
    }

    // ---------------------------------------------------------------- linearization

    /// <summary>
    /// An unsigned document laid out like a linearized file: the first object is a /Linearized dictionary with
    /// /L <paramref name="declaredLength"/>, followed by a first-page cross-reference section that binds the page's
    /// content object to a second, unreferenced stream with other text. The startxref chain (what DocSign reads and
    /// the signer sees) binds it to the real content. With <paramref name="honest"/> the first-page section agrees
    /// with the chain (the benign form).
    /// </summary>
    public static byte[] LinearizedWithFirstPageXref(long declaredLength, bool honest)
    {
        const string real = "BT /F1 18 Tf 72 700 Td (Surat Keputusan Camat Nomor 12) Tj ET\n";
        const string fake = "BT /F1 18 Tf 72 700 Td (Surat Keputusan DIBATALKAN) Tj ET\n";
        var sb = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var off = new Dictionary<string, long>();
        void Obj(string key, string text) { off[key] = sb.Length; sb.Append(text); }
        Obj("lin", $"7 0 obj\n<</Linearized 1/L {declaredLength,10}/N 1/O 3/E 0/T 0/H[0 0]>>\nendobj\n");
        long firstPageAt = sb.Length;
        const string placeholder = "@FIRSTPAGE@";
        sb.Append(placeholder);
        Obj("1", "1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n");
        Obj("2", "2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n");
        Obj("3", "3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>\nendobj\n");
        Obj("4", $"4 0 obj\n<</Length {real.Length}>>\nstream\n{real}endstream\nendobj\n");
        Obj("5", "5 0 obj\n<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>\nendobj\n");
        Obj("6", "6 0 obj\n<</Producer(DocSign test)>>\nendobj\n");
        if (!honest) Obj("fake", $"4 0 obj\n<</Length {fake.Length}>>\nstream\n{fake}endstream\nendobj\n");
        long main = sb.Length;
        sb.Append("xref\n0 8\n0000000000 65535 f \n");
        foreach (var k in new[] { "1", "2", "3", "4", "5", "6", "lin" }) sb.Append($"{off[k]:D10} 00000 n \n");
        sb.Append($"trailer\n<</Size 8/Root 1 0 R/Info 6 0 R>>\nstartxref\n{main}\n%%EOF\n");
        // The first-page section has a fixed width: written last, with offsets that the placeholder shifts by its length.
        string FirstPage(long shift) =>
            $"xref\n3 2\n{off["3"] + shift:D10} 00000 n \n{(honest ? off["4"] : off["fake"]) + shift:D10} 00000 n \ntrailer\n<</Size 8/Root 1 0 R>>\nstartxref\n0\n%%EOF\n";
        long delta = FirstPage(0).Length - placeholder.Length;
        var text = sb.ToString();
        // Shift every offset after the placeholder: xref entries and the final startxref.
        var fixedMain = new StringBuilder(text[..(int)firstPageAt]).Append(FirstPage(delta));
        var rest = text[(int)(firstPageAt + placeholder.Length)..];
        rest = System.Text.RegularExpressions.Regex.Replace(rest, @"(?m)^(\d{10}) 00000 n", m =>
        {
            long v = long.Parse(m.Groups[1].Value);
            return (v > firstPageAt ? v + delta : v).ToString("D10") + " 00000 n";
        });
        rest = rest.Replace($"startxref\n{main}\n", $"startxref\n{main + delta}\n");
        fixedMain.Append(rest);
        return Encoding.Latin1.GetBytes(fixedMain.ToString());
    }

    /// <summary>Pads a signed file with spaces after its last %%EOF up to <paramref name="length"/> bytes (the declared /L).</summary>
    public static byte[] PadTo(byte[] signed, long length)
    {
        if (signed.Length > length) throw new ArgumentException($"signed file ({signed.Length} bytes) is already longer than {length}");
        var padded = new byte[length];
        signed.CopyTo(padded, 0);
        padded.AsSpan(signed.Length).Fill((byte)' ');
        return padded;
    }

    // ---------------------------------------------------------------- signatures unlinked from the field tree

    /// <summary>A later revision removes every field from /AcroForm /Fields (the widgets stay on the page).</summary>
    public static byte[] SignatureDroppedFromFields(byte[] signed) => AttackPdfs.Update(signed, (file, w) =>
    {
        var cat = (PdfDictionary)file.Resolve(file.Trailer["Root"]);
        var acroObj = cat["AcroForm"];
        var acro = acroObj is PdfReference ar ? w.EditDictionary(ar) : ((PdfDictionary)file.Resolve(acroObj)).CloneDictionary();
        acro.Set("Fields", new PdfArray());
        if (acroObj is not PdfReference) w.EditDictionary((PdfReference)file.Trailer["Root"]!).Set("AcroForm", acro);
    });

    // ---------------------------------------------------------------- helpers

    private static string HiddenDefinition(int content)
    {
        // The page's own font (/F1) and a hex string: no parentheses for a string carrier to escape.
        var body = "1 1 1 rg 0 0 612 792 re f BT /F1 28 Tf 0 g 72 700 Td <" + Convert.ToHexString(Encoding.ASCII.GetBytes("SURAT INI DIBATALKAN")) + "> Tj ET\n";
        return $"{content} 0 obj\n<</Length {body.Length}>>\nstream\n{body}endstream\nendobj";
    }

    private static int FirstPageContent(byte[] pdf)
    {
        using var file = PdfFile.Open(pdf);
        var c = file.GetPages()[0].Dictionary["Contents"];
        return c switch
        {
            PdfReference r => r.ObjectNumber,
            PdfArray a when a.Count > 0 && a[0] is PdfReference r0 => r0.ObjectNumber,
            _ => throw new InvalidOperationException("page 1 has no content reference"),
        };
    }

    private static int BigestNumber(PdfFile file) => file.Latest.ObjectNumbers.Max();

    private static byte[] CommentInLastStartxref(byte[] pdf) => RewriteLastStartxref(pdf, n => $"startxref\n% disimpan ulang\n{n}\n");

    private static byte[] SignInLastStartxref(byte[] pdf) => RewriteLastStartxref(pdf, n => $"startxref\n+{n}\n");

    private static byte[] RewriteLastStartxref(byte[] pdf, Func<long, string> write)
    {
        var text = Encoding.Latin1.GetString(pdf);
        int at = text.LastIndexOf("startxref", StringComparison.Ordinal);
        int eof = text.IndexOf("%%EOF", at, StringComparison.Ordinal);
        long n = long.Parse(text[(at + 9)..eof].Trim());
        return Encoding.Latin1.GetBytes(text[..at] + write(n) + text[eof..]);
    }

    private static byte[] Patch(byte[] pdf, string from, string to)
    {
        var text = Encoding.Latin1.GetString(pdf);
        int at = text.LastIndexOf(from, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"'{from}' not found");
        if (to.Length != from.Length)
        {
            // Keep offsets: the replacement must not be longer; pad the shorter one with spaces inside the array.
            if (to.Length > from.Length) throw new ArgumentException("replacement longer than the original");
            to = to.PadRight(from.Length);
        }
        return Encoding.Latin1.GetBytes(text[..at] + to + text[(at + from.Length)..]);
    }

    private static byte[] AddSignatureWidget(byte[] signed, string name, Func<PdfFile, PdfIncrementalWriter, PdfReference?> value,
        long flags, double[] rect, Action<PdfDictionary>? extra = null, bool appearance = true) => AttackPdfs.Update(signed, (file, w) =>
    {
        var v = value(file, w);
        AddWidget(file, w, name, v, flags, rect, extra, appearance);
    });

    private static void AddWidget(PdfFile file, PdfIncrementalWriter w, string name, PdfReference? v, long flags, double[] rect,
        Action<PdfDictionary>? extra, bool appearance = true)
    {
        var page = file.GetPages()[0];
        var widget = new PdfDictionary()
            .Set("Type", new PdfName("Annot")).Set("Subtype", new PdfName("Widget")).Set("FT", new PdfName("Sig"))
            .Set("T", PdfString.FromText(name)).Set("F", new PdfInteger(flags))
            .Set("Rect", PdfArray.OfNumbers(rect)).Set("P", page.Reference!);
        if (v is not null) widget.Set("V", v);
        if (appearance)
        {
            double wd = Math.Max(1, rect[2] - rect[0]), ht = Math.Max(1, rect[3] - rect[1]);
            var font = w.Add(new PdfDictionary().Set("Type", new PdfName("Font")).Set("Subtype", new PdfName("Type1")).Set("BaseFont", new PdfName("Helvetica")));
            var ap = w.Add(PdfIncrementalWriter.CreateStream(new PdfDictionary()
                .Set("Type", new PdfName("XObject")).Set("Subtype", new PdfName("Form")).Set("BBox", PdfArray.OfNumbers(0, 0, wd, ht))
                .Set("Resources", new PdfDictionary().Set("Font", new PdfDictionary().Set("Helv", font))),
                Encoding.ASCII.GetBytes(Forged), compress: false));
            widget.Set("AP", new PdfDictionary().Set("N", ap));
        }
        extra?.Invoke(widget);
        var widgetRef = w.Add(widget);
        var pageDict = w.EditDictionary(page.Reference!);
        var annots = new PdfArray();
        if (w.Resolve(pageDict["Annots"]) is PdfArray old) foreach (var a in old) annots.Add(a);
        annots.Add(widgetRef);
        pageDict.Set("Annots", annots);
        var rootRef = (PdfReference)file.Trailer["Root"]!;
        var cat = (PdfDictionary)file.Resolve(rootRef);
        var acroObj = cat["AcroForm"];
        PdfDictionary acro;
        if (acroObj is PdfReference ar) acro = w.EditDictionary(ar);
        else
        {
            acro = (file.Resolve(acroObj) as PdfDictionary)?.CloneDictionary() ?? new PdfDictionary();
            w.EditDictionary(rootRef).Set("AcroForm", acro);
        }
        var fields = new PdfArray();
        if (w.Resolve(acro["Fields"]) is PdfArray of) foreach (var f in of) fields.Add(f);
        fields.Add(widgetRef);
        acro.Set("Fields", fields);
    }
}
