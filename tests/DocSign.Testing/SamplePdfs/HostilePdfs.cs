using System.IO.Compression;
using System.Text;

namespace DocSign.Testing.SamplePdfs;

/// <summary>
/// Files built to hurt a PDF reader, for every component that reads outside PDFs. Each is small on
/// disk; what it does to a naive reader is in its summary. Deterministic.
/// </summary>
public static class HostilePdfs
{
    private const string Id = "/ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]";

    /// <summary>Every hostile file by name (the bomb is built once and shared).</summary>
    public static IReadOnlyList<(string Name, Func<byte[]> Make)> All { get; } =
    [
        ("deep-arrays-in-object", () => DeepNestingInObject(200_000, dictionaries: false)),
        ("deep-dictionaries-in-object", () => DeepNestingInObject(200_000, dictionaries: true)),
        ("deep-arrays-in-trailer", () => DeepNestingInTrailer(200_000, dictionaries: false)),
        ("deep-dictionaries-in-trailer", () => DeepNestingInTrailer(200_000, dictionaries: true)),
        ("prev-points-at-itself", PrevPointsAtItself),
        ("prev-points-at-each-other", PrevPointsAtEachOther),
        ("reference-cycle", ReferenceCycle),
        ("stream-length-refers-to-itself", StreamLengthRefersToItself),
        ("page-tree-contains-itself", PageTreeContainsItself),
        ("page-tree-kid-is-ancestor", PageTreeKidIsAncestor),
        ("deflate-bomb", DeflateBomb),
        ("length-ten-to-the-fourteen", HugeLength),
        ("empty", () => []),
        ("random-bytes", () => RandomBytes(1, 64 * 1024)),
        ("random-bytes-with-header", () => [.. "%PDF-1.7\n"u8, .. RandomBytes(2, 64 * 1024)]),
        ("object-stream-contains-itself", ObjectStreamContainsItself),
        ("object-stream-length-inside-itself", ObjectStreamLengthInsideItself),
        ("xref-offset-points-elsewhere", XrefPointsElsewhere),
        ("huge-xref-subsection", HugeXrefSubsection),
        ("huge-string", HugeString),
        ("truncated-half", () => SamplePdfs.MultiPageText(2)[..(SamplePdfs.MultiPageText(2).Length / 2)]),
        ("truncated-before-eof", () => SamplePdfs.ClassicXref()[..^7]),
    ];

    /// <summary>A page whose /Contents refers to an object nested <paramref name="levels"/> deep.</summary>
    public static byte[] DeepNestingInObject(int levels, bool dictionaries)
    {
        var w = Base(out var extra);
        var sb = new StringBuilder(levels * 8);
        for (int i = 0; i < levels; i++) sb.Append(dictionaries ? "<</A " : "[");
        sb.Append("0");
        for (int i = 0; i < levels; i++) sb.Append(dictionaries ? ">>" : "]");
        w.Object(4, sb.ToString());
        w.ClassicXref($"/Size 5 /Root 1 0 R {Id}");
        _ = extra;
        return w.ToArray();
    }

    /// <summary>The trailer itself holds the deep nesting, so opening the file meets it.</summary>
    public static byte[] DeepNestingInTrailer(int levels, bool dictionaries)
    {
        var w = Base(out _);
        var sb = new StringBuilder(levels * 8);
        for (int i = 0; i < levels; i++) sb.Append(dictionaries ? "<</A " : "[");
        sb.Append("0");
        for (int i = 0; i < levels; i++) sb.Append(dictionaries ? ">>" : "]");
        w.ClassicXref($"/Size 4 /Root 1 0 R /Deep {sb} {Id}");
        return w.ToArray();
    }

    /// <summary>A trailer whose /Prev names its own xref section.</summary>
    public static byte[] PrevPointsAtItself()
    {
        var w = Base(out _);
        long xref = w.Position;
        w.ClassicXref($"/Size 4 /Root 1 0 R /Prev {xref} {Id}");
        return w.ToArray();
    }

    /// <summary>Two xref sections whose /Prev entries name each other.</summary>
    public static byte[] PrevPointsAtEachOther()
    {
        // Fixed-width offsets make the second section's position known before it is written.
        var w = Base(out _);
        long first = w.Position;
        string Section(long prev, long self) =>
            $"xref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Size 4 /Root 1 0 R /Prev {prev:D10} {Id}>>\nstartxref\n{self:D10}\n%%EOF\n";
        long second = first + Section(0, 0).Length;
        w.Write(Section(second, first));
        w.Write(Section(first, second));
        return w.ToArray();
    }

    /// <summary>Objects 4 and 5 are references to each other; the catalog points at 4.</summary>
    public static byte[] ReferenceCycle()
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R /Cycle 4 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [3 0 R] /Count 1>>");
        w.Object(3, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R>>");
        w.Object(4, "5 0 R");
        w.Object(5, "4 0 R");
        w.ClassicXref($"/Size 6 /Root 1 0 R {Id}");
        return w.ToArray();
    }

    /// <summary>A content stream whose /Length is its own object reference.</summary>
    public static byte[] StreamLengthRefersToItself()
    {
        var w = Base(out _);
        long at = w.Position;
        w.Write("4 0 obj\n<</Length 4 0 R>>\nstream\nBT ET\n\nendstream\nendobj\n");
        return AppendXrefFor(w, 4, at, "/Size 5 /Root 1 0 R");
    }

    /// <summary>The root /Pages node lists itself among its /Kids.</summary>
    public static byte[] PageTreeContainsItself()
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [3 0 R 2 0 R] /Count 2>>");
        w.Object(3, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10]>>");
        w.ClassicXref($"/Size 4 /Root 1 0 R {Id}");
        return w.ToArray();
    }

    /// <summary>An intermediate /Pages node whose kid is the root.</summary>
    public static byte[] PageTreeKidIsAncestor()
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [3 0 R] /Count 1>>");
        w.Object(3, "<</Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1>>");
        w.ClassicXref($"/Size 4 /Root 1 0 R {Id}");
        return w.ToArray();
    }

    /// <summary>Bytes the bomb inflates to.</summary>
    public const long BombInflatedSize = 512L * 1024 * 1024;

    // Built in milliseconds instead of deflating 512 MB: one sync-flushed, byte-aligned run of deflate
    // blocks for 1 MB of zeros is repeated 512 times (back-references only reach zeros, so the runs
    // chain), then a final empty block and the zlib Adler-32 of 512 MB of zeros.
    private static readonly Lazy<byte[]> BombData = new(() =>
    {
        var chunkStream = new MemoryStream();
        using (var d = new DeflateStream(chunkStream, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            d.Write(new byte[1 << 20]);
            d.Flush(); // sync flush: ends on a byte boundary with a non-final empty stored block
        }
        var all = chunkStream.ToArray();
        // Everything written before Dispose added the final block is the flushed run.
        int flushedLength = IndexOfSyncMarker(all) + 4;
        var chunk = all.AsSpan(0, flushedLength);
        var ms = new MemoryStream();
        ms.WriteByte(0x78); ms.WriteByte(0xDA);
        for (int i = 0; i < BombInflatedSize / (1 << 20); i++) ms.Write(chunk);
        ms.WriteByte(0x03); ms.WriteByte(0x00); // final fixed-Huffman block holding only end-of-block
        uint a = 1, b = (uint)(BombInflatedSize % 65521);
        uint adler = (b << 16) | a;
        ms.WriteByte((byte)(adler >> 24)); ms.WriteByte((byte)(adler >> 16)); ms.WriteByte((byte)(adler >> 8)); ms.WriteByte((byte)adler);
        return ms.ToArray();
    });

    private static int IndexOfSyncMarker(byte[] data)
    {
        ReadOnlySpan<byte> marker = [0x00, 0x00, 0xFF, 0xFF];
        int i = data.AsSpan().LastIndexOf(marker);
        if (i < 0) throw new InvalidOperationException("No sync-flush marker in deflate output");
        return i;
    }

    /// <summary>512 MB of zeros deflated to about 0.5 MB, the content of four pages and listed four times per page.</summary>
    public static byte[] DeflateBomb()
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R] /Count 4 /MediaBox [0 0 10 10]>>");
        for (int p = 3; p <= 6; p++) w.Object(p, "<</Type /Page /Parent 2 0 R /Contents [7 0 R 7 0 R 7 0 R 7 0 R]>>");
        w.Stream(7, "<</Filter /FlateDecode>>", BombData.Value);
        w.ClassicXref($"/Size 8 /Root 1 0 R {Id}");
        return w.ToArray();
    }

    /// <summary>A stream whose /Length is 10^14.</summary>
    public static byte[] HugeLength()
    {
        var w = Base(out _);
        long at = w.Position;
        w.Write("4 0 obj\n<</Length 100000000000000>>\nstream\nBT ET\nendstream\nendobj\n");
        return AppendXrefFor(w, 4, at, "/Size 5 /Root 1 0 R /Big 4 0 R");
    }

    /// <summary>Cross-reference stream listing the object stream (6) as compressed inside itself.</summary>
    public static byte[] ObjectStreamContainsItself()
    {
        var w = new RawPdfWriter("1.5");
        w.ObjectStream(6, [(1, "<</Type /Catalog /Pages 2 0 R>>"), (2, "<</Type /Pages /Kids [] /Count 0>>")]);
        w.ClearOffsets();
        w.XrefStream(8, $"/Root 1 0 R {Id}", new Dictionary<int, (int, int)> { [1] = (6, 0), [2] = (6, 1), [6] = (6, 2) });
        return w.ToArray();
    }

    /// <summary>An object stream whose /Length is an object stored inside that same object stream.</summary>
    public static byte[] ObjectStreamLengthInsideItself()
    {
        var w = new RawPdfWriter("1.5");
        var header = "1 0 2 31 3 66 ";
        var body = "<</Type /Catalog /Pages 2 0 R>>\n<</Type /Pages /Kids [] /Count 0>>\n123\n";
        var data = Encoding.Latin1.GetBytes(header + body);
        long at = w.Position;
        w.Write($"6 0 obj\n<</Type /ObjStm /N 3 /First {header.Length} /Length 3 0 R>>\nstream\n");
        w.WriteBytes(data);
        w.Write("\nendstream\nendobj\n");
        return XrefStreamWithExplicit(w, 8, $"/Root 1 0 R {Id}", new Dictionary<int, long> { [6] = at },
            new Dictionary<int, (int, int)> { [1] = (6, 0), [2] = (6, 1), [3] = (6, 2) });
    }

    /// <summary>A classic xref whose entry for the catalog points into the middle of another object.</summary>
    public static byte[] XrefPointsElsewhere()
    {
        var good = SamplePdfs.ClassicXref();
        var text = Encoding.Latin1.GetString(good);
        int xref = text.LastIndexOf("xref\n0 ", StringComparison.Ordinal);
        int entry1 = text.IndexOf("\r\n", xref, StringComparison.Ordinal) + 2; // after object 0's entry
        entry1 = text.IndexOf("\r\n", entry1, StringComparison.Ordinal) + 2 - 20; // object 1's entry
        long off = long.Parse(text.Substring(entry1, 10), System.Globalization.CultureInfo.InvariantCulture);
        var patched = text[..entry1] + (off + 3).ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + text[(entry1 + 10)..];
        return Encoding.Latin1.GetBytes(patched);
    }

    /// <summary>An xref subsection header announcing 2^31 - 2 entries.</summary>
    public static byte[] HugeXrefSubsection()
    {
        var w = Base(out _);
        long xref = w.Position;
        w.Write($"xref\n0 2147483646\n0000000000 65535 f\r\ntrailer\n<</Size 4 /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return w.ToArray();
    }

    /// <summary>A literal string of 20 MB (above the default 16 MB limit) in an object.</summary>
    public static byte[] HugeString()
    {
        var w = Base(out _);
        long at = w.Position;
        w.Write("4 0 obj\n(");
        var filler = new byte[20 * 1024 * 1024];
        Array.Fill(filler, (byte)'A');
        w.WriteBytes(filler);
        w.Write(")\nendobj\n");
        return AppendXrefFor(w, 4, at, "/Size 5 /Root 1 0 R /Big 4 0 R");
    }

    /// <summary>Deterministic random bytes.</summary>
    public static byte[] RandomBytes(int seed, int length)
    {
        var b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }

    // Catalog (1), pages (2), page (3) written, offsets recorded, no xref yet.
    private static RawPdfWriter Base(out int next)
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [3 0 R] /Count 1>>");
        w.Object(3, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R>>");
        next = 4;
        return w;
    }

    private static byte[] AppendXrefFor(RawPdfWriter w, int num, long at, string trailer)
    {
        // Objects 1-3 were recorded by Base; add the raw one by hand.
        var bytes = w.ToArray();
        var offsets = w.Offsets.ToDictionary();
        offsets[num] = at;
        var xw = new RawPdfWriter(bytes);
        long xref = xw.Position;
        var sb = new StringBuilder($"xref\n0 {offsets.Keys.Max() + 1}\n0000000000 65535 f\r\n");
        for (int n = 1; n <= offsets.Keys.Max(); n++)
            sb.Append(offsets.TryGetValue(n, out var o) ? $"{o:D10} 00000 n\r\n" : "0000000000 00000 f\r\n");
        xw.Write(sb.ToString());
        xw.Write($"trailer\n<<{trailer} {Id}>>\nstartxref\n{xref}\n%%EOF\n");
        return xw.ToArray();
    }

    

    private static byte[] XrefStreamWithExplicit(RawPdfWriter w, int num, string trailer, Dictionary<int, long> inUse, Dictionary<int, (int, int)> compressed)
    {
        // Rows by hand, uncompressed, W [1 4 1].
        long xref = w.Position;
        inUse[num] = xref;
        var rows = new SortedDictionary<int, byte[]> { [0] = [0, 0, 0, 0, 0, 255] };
        foreach (var (n, off) in inUse) rows[n] = [1, (byte)(off >> 24), (byte)(off >> 16), (byte)(off >> 8), (byte)off, 0];
        foreach (var (n, (s, i)) in compressed) rows[n] = [2, 0, 0, (byte)(s >> 8), (byte)s, (byte)i];
        int size = rows.Keys.Max() + 1;
        var data = new MemoryStream();
        for (int n = 0; n < size; n++) data.Write(rows.TryGetValue(n, out var r) ? r : [0, 0, 0, 0, 0, 0]);
        w.Write($"{num} 0 obj\n<</Type /XRef /Size {size} /W [1 4 1] {trailer} /Length {data.Length}>>\nstream\n");
        w.WriteBytes(data.ToArray());
        w.Write($"\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n");
        return w.ToArray();
    }
}
