using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace DocSign.Testing.SamplePdfs;

/// <summary>
/// Writes PDF files byte by byte from hand-written object bodies, independently of DocSign.Pdf, so
/// that the samples test the reader rather than agree with it. Used by <see cref="SamplePdfs"/> and
/// <see cref="HostilePdfs"/>; also handy for tests that need one odd file.
/// </summary>
public sealed class RawPdfWriter
{
    private readonly MemoryStream _out = new();
    private readonly SortedDictionary<int, long> _offsets = new();

    public RawPdfWriter(string version = "1.7", bool binaryComment = true)
    {
        Write($"%PDF-{version}\n");
        if (binaryComment) WriteBytes([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
    }

    /// <summary>Starts from existing bytes (to append an incremental update).</summary>
    public RawPdfWriter(byte[] existing) => _out.Write(existing);

    public long Position => _out.Position;
    public IReadOnlyDictionary<int, long> Offsets => _offsets;

    public RawPdfWriter Write(string text) { WriteBytes(Encoding.Latin1.GetBytes(text)); return this; }
    public RawPdfWriter WriteBytes(ReadOnlySpan<byte> bytes) { _out.Write(bytes); return this; }

    /// <summary>"num 0 obj body endobj", recording its offset.</summary>
    public RawPdfWriter Object(int num, string body)
    {
        _offsets[num] = _out.Position;
        return Write($"{num} 0 obj\n{body}\nendobj\n");
    }

    /// <summary>A stream object; /Length is added to <paramref name="dict"/> (which must end with "&gt;&gt;").</summary>
    public RawPdfWriter Stream(int num, string dict, ReadOnlySpan<byte> data)
    {
        _offsets[num] = _out.Position;
        var d = dict.TrimEnd();
        d = d[..^2] + $" /Length {data.Length}>>";
        Write($"{num} 0 obj\n{d}\nstream\n");
        WriteBytes(data);
        return Write("\nendstream\nendobj\n");
    }

    /// <summary>A classic xref section for every object recorded since the last section, then trailer, startxref, %%EOF. Returns the xref offset.</summary>
    public long ClassicXref(string trailerBody, bool includeObjectZero = true, IEnumerable<int>? freed = null)
    {
        long xref = _out.Position;
        var entries = new SortedDictionary<int, string>();
        if (includeObjectZero) entries[0] = "0000000000 65535 f\r\n";
        foreach (var (num, off) in _offsets) entries[num] = $"{off:D10} 00000 n\r\n";
        foreach (var f in freed ?? []) entries[f] = "0000000000 00001 f\r\n";
        var sb = new StringBuilder("xref\n");
        foreach (var (first, nums) in Runs(entries.Keys))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{first} {nums.Count}\n");
            foreach (var n in nums) sb.Append(entries[n]);
        }
        Write(sb.ToString());
        Write($"trailer\n<<{trailerBody}>>\nstartxref\n{xref}\n%%EOF\n");
        _offsets.Clear();
        return xref;
    }

    /// <summary>
    /// An xref stream object numbered <paramref name="num"/> listing the recorded objects plus
    /// <paramref name="compressed"/> (object → (stream, index)), Flate-compressed with PNG Up predictor
    /// (Columns 6, W [1 4 1]). Then startxref and %%EOF. Returns the xref stream's offset.
    /// </summary>
    public long XrefStream(int num, string trailerEntries, IReadOnlyDictionary<int, (int Stream, int Index)>? compressed = null, bool endFile = true)
    {
        long xref = _out.Position;
        _offsets[num] = xref;
        var rows = new SortedDictionary<int, byte[]>();
        rows[0] = [0, 0, 0, 0, 0, 255];
        foreach (var (n, off) in _offsets) rows[n] = [1, (byte)(off >> 24), (byte)(off >> 16), (byte)(off >> 8), (byte)off, 0];
        foreach (var (n, (s, i)) in compressed ?? new Dictionary<int, (int, int)>())
            rows[n] = [2, (byte)(s >> 24), (byte)(s >> 16), (byte)(s >> 8), (byte)s, (byte)i];
        var raw = new MemoryStream();
        var index = new StringBuilder();
        var prev = new byte[6];
        foreach (var (first, nums) in Runs(rows.Keys))
        {
            index.Append(CultureInfo.InvariantCulture, $"{first} {nums.Count} ");
            foreach (var n in nums)
            {
                raw.WriteByte(2); // PNG Up
                var row = rows[n];
                for (int i = 0; i < 6; i++) raw.WriteByte((byte)(row[i] - prev[i]));
                prev = row;
            }
        }
        var data = Deflate(raw.ToArray());
        int size = Math.Max(num + 1, rows.Keys.Max() + 1);
        var dict = $"<</Type /XRef /Size {size} /Index [{index.ToString().Trim()}] /W [1 4 1] /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 6>> {trailerEntries} /Length {data.Length}>>";
        Write($"{num} 0 obj\n{dict}\nstream\n");
        WriteBytes(data);
        Write("\nendstream\nendobj\n");
        if (endFile) Write($"startxref\n{xref}\n%%EOF\n");
        _offsets.Clear();
        return xref;
    }

    /// <summary>An object stream numbered <paramref name="num"/> holding the given (number, body) objects, Flate-compressed.</summary>
    public RawPdfWriter ObjectStream(int num, IReadOnlyList<(int Num, string Body)> objects)
    {
        var header = new StringBuilder();
        var body = new StringBuilder();
        foreach (var (n, b) in objects)
        {
            header.Append(CultureInfo.InvariantCulture, $"{n} {body.Length} ");
            body.Append(b).Append('\n');
        }
        var h = header.ToString();
        var all = Encoding.Latin1.GetBytes(h + body);
        return Stream(num, $"<</Type /ObjStm /N {objects.Count} /First {Encoding.Latin1.GetByteCount(h)} /Filter /FlateDecode>>", Deflate(all));
    }

    /// <summary>Forgets recorded offsets (after writing an xref by hand).</summary>
    public void ClearOffsets() => _offsets.Clear();

    public byte[] ToArray() => _out.ToArray();

    public static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return ms.ToArray();
    }

    private static IEnumerable<(int First, List<int> Nums)> Runs(IEnumerable<int> sorted)
    {
        List<int>? cur = null;
        foreach (var n in sorted)
        {
            if (cur is not null && n == cur[^1] + 1) { cur.Add(n); continue; }
            if (cur is not null) yield return (cur[0], cur);
            cur = [n];
        }
        if (cur is not null) yield return (cur[0], cur);
    }
}
