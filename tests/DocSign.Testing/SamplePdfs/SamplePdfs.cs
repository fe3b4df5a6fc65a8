using System.Text;

namespace DocSign.Testing.SamplePdfs;

/// <summary>
/// Small valid PDFs made in code (deterministic, no external tools), named by what is special about
/// them. Each call returns a fresh array. All pass <c>qpdf --check</c>.
/// </summary>
public static partial class SamplePdfs
{
    /// <summary>Text every sample page shows, for tests that look for it.</summary>
    public const string PageText = "LAPORAN KINERJA KECAMATAN CONTOH";

    private static string Content(int page) =>
        $"BT /F1 18 Tf 72 760 Td ({PageText}) Tj ET\nBT /F1 12 Tf 72 730 Td (Halaman {page}) Tj ET\n";

    private const string Font = "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>";
    private const string Info = "<</Title (Contoh dokumen DocSign) /Producer (DocSign.Testing)>>";
    private const string Id = "/ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]";

    /// <summary>One page, classic xref table, uncompressed content. Objects: 1 catalog, 2 pages, 3 font, 4 info, 5 page, 6 content.</summary>
    public static byte[] ClassicXref() => MultiPageText(1);

    /// <summary><paramref name="pages"/> pages of text, classic xref. Objects: 1 catalog, 2 pages, 3 font, 4 info, then (page, content) pairs from 5.</summary>
    public static byte[] MultiPageText(int pages = 3)
    {
        var w = new RawPdfWriter();
        var kids = string.Join(" ", Enumerable.Range(0, pages).Select(i => $"{5 + 2 * i} 0 R"));
        w.Object(1, "<</Type /Catalog /Pages 2 0 R>>");
        w.Object(2, $"<</Type /Pages /Kids [{kids}] /Count {pages} /MediaBox [0 0 595 842]>>");
        w.Object(3, Font);
        w.Object(4, Info);
        for (int i = 0; i < pages; i++)
        {
            w.Object(5 + 2 * i, $"<</Type /Page /Parent 2 0 R /Resources <</Font <</F1 3 0 R>>>> /Contents {6 + 2 * i} 0 R>>");
            w.Stream(6 + 2 * i, "<<>>", Encoding.Latin1.GetBytes(Content(i + 1)));
        }
        w.ClassicXref($"/Size {5 + 2 * pages} /Root 1 0 R /Info 4 0 R {Id}");
        return w.ToArray();
    }

    /// <summary>
    /// PDF 1.5 with a cross-reference stream (Flate + PNG predictor) and an object stream holding the
    /// catalog, page tree, page and font; the content stream is Flate-compressed.
    /// Objects: 1 catalog, 2 pages, 3 page, 4 font (in object stream 6), 5 content, 6 object stream, 7 info, 8 xref stream.
    /// </summary>
    public static byte[] XrefStream()
    {
        var w = new RawPdfWriter("1.5");
        w.Stream(5, "<</Filter /FlateDecode>>", RawPdfWriter.Deflate(Encoding.Latin1.GetBytes(Content(1))));
        w.ObjectStream(6, [
            (1, "<</Type /Catalog /Pages 2 0 R>>"),
            (2, "<</Type /Pages /Kids [3 0 R] /Count 1>>"),
            (3, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 4 0 R>>>> /Contents 5 0 R>>"),
            (4, Font),
        ]);
        w.Object(7, Info);
        w.XrefStream(8, $"/Root 1 0 R /Info 7 0 R {Id}", new Dictionary<int, (int, int)> { [1] = (6, 0), [2] = (6, 1), [3] = (6, 2), [4] = (6, 3) });
        return w.ToArray();
    }

    /// <summary>
    /// Hybrid-reference file: the classic table lists the uncompressed objects and the trailer's
    /// /XRefStm names a cross-reference stream for the objects kept in an object stream.
    /// Objects: 1 catalog, 2 pages (in the table), 3 page and 4 font (in object stream 6), 5 content, 6 object stream, 7 info, 8 xref stream.
    /// </summary>
    public static byte[] HybridReference()
    {
        var w = new RawPdfWriter("1.5");
        w.Object(1, "<</Type /Catalog /Pages 2 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842]>>");
        w.Stream(5, "<<>>", Encoding.Latin1.GetBytes(Content(1)));
        w.Object(7, Info);
        var tableObjects = w.Offsets.ToDictionary();
        w.ClearOffsets();
        w.ObjectStream(6, [
            (3, "<</Type /Page /Parent 2 0 R /Resources <</Font <</F1 4 0 R>>>> /Contents 5 0 R>>"),
            (4, Font),
        ]);
        var stmOffset = w.Offsets[6];
        long xrefStm = w.XrefStream(8, "", new Dictionary<int, (int, int)> { [3] = (6, 0), [4] = (6, 1) }, endFile: false);
        // The table lists 0-2, 5, 7 in use and 3, 4, 6, 8 as free, as hybrid files do for readers without xref-stream support.
        long xref = w.Position;
        var sb = new StringBuilder("xref\n0 9\n0000000000 65535 f\r\n");
        for (int n = 1; n <= 8; n++)
            sb.Append(tableObjects.TryGetValue(n, out var off) ? $"{off:D10} 00000 n\r\n" : "0000000000 00000 f\r\n");
        w.Write(sb.ToString());
        w.Write($"trailer\n<</Size 9 /Root 1 0 R /Info 7 0 R /XRefStm {xrefStm} {Id}>>\nstartxref\n{xref}\n%%EOF\n");
        _ = stmOffset;
        return w.ToArray();
    }

    /// <summary>
    /// Three revisions on a classic one-page file: revision 1 replaces the content stream (object 4)
    /// and adds object 7; revision 2 frees object 7 and updates the info (object 6).
    /// Object numbering of revision 0 is that of <see cref="ClassicXref"/>.
    /// </summary>
    public static byte[] MultiRevision()
    {
        var rev0 = ClassicXref();
        long prev0 = StartXref(rev0);
        var w = new RawPdfWriter(rev0);
        w.Stream(6, "<<>>", Encoding.Latin1.GetBytes(Content(1) + "BT /F1 10 Tf 72 700 Td (Revisi kedua) Tj ET\n"));
        w.Object(7, "<</Note (added in revision 1)>>");
        w.ClassicXref($"/Size 8 /Root 1 0 R /Info 4 0 R /Prev {prev0} {Id}", includeObjectZero: false);
        var rev1 = w.ToArray();
        long prev1 = StartXref(rev1);
        w = new RawPdfWriter(rev1);
        w.Object(4, "<</Title (Contoh dokumen DocSign, revisi 3) /Producer (DocSign.Testing)>>");
        w.ClassicXref($"/Size 8 /Root 1 0 R /Info 4 0 R /Prev {prev1} {Id}", includeObjectZero: false, freed: [7]);
        return w.ToArray();
    }

    /// <summary>A classic file whose trailer has an /Encrypt entry (standard handler, RC4 40-bit dictionary; nothing is really encrypted).</summary>
    public static byte[] EncryptedMarker()
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [] /Count 0>>");
        w.Object(3, "<</Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4>>");
        w.ClassicXref($"/Size 4 /Root 1 0 R /Encrypt 3 0 R {Id}");
        return w.ToArray();
    }

    /// <summary>The value of the last startxref in a file.</summary>
    public static long StartXref(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 64), Math.Min(64, pdf.Length));
        int i = text.LastIndexOf("startxref", StringComparison.Ordinal);
        var rest = text[(i + 9)..].Trim();
        return long.Parse(rest[..rest.IndexOf('\n')].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
