using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace DocSign.Pdf;

/// <summary>
/// Appends one incremental update to an opened PDF without changing a byte before it: new and
/// replaced objects, then a cross-reference section of the kind the file's last revision uses
/// (table for table and hybrid files, stream for xref-stream files) with /Prev, /Root, /Info and
/// /ID carried over and /Size updated. Placeholders (<see cref="PdfPlaceholder"/>) put anywhere in the
/// new objects get their absolute offsets once written, for the signer to patch in place.
/// </summary>
public sealed class PdfIncrementalWriter
{
    private readonly PdfFile _file;
    // Plain dictionaries, sorted when written: SortedDictionary over these value tuples is not precompiled in the
    // CLI's ReadyToRun image, and JIT-compiling it cost milliseconds per `docsign sign`.
    private readonly Dictionary<int, (int Gen, PdfObject Value)> _objects = new();
    private readonly Dictionary<string, PdfObject> _trailerExtras = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>Starts an update on top of the latest revision of <paramref name="file"/>. In an encrypted file that
    /// opened (<see cref="PdfFile.Security"/>), the update is encrypted with the document's own key: every string and
    /// stream of a new or replaced object for its object number, except a signature dictionary's /Contents (ISO
    /// 32000 leaves it in the clear, so that a placeholder can be patched) and cross-reference streams; the trailer
    /// keeps /Encrypt and /ID.</summary>
    /// <exception cref="PdfException">The file is encrypted and did not open (<see cref="PdfFile.EncryptionProblem"/>).</exception>
    public PdfIncrementalWriter(PdfFile file)
    {
        _file = file;
        if (file.IsEncrypted && file.Security is null)
            throw file.EncryptionProblem ?? new PdfException(PdfErrorKind.Unsupported, "Encrypted PDFs cannot be updated");
        long size = file.Trailer.GetInteger("Size") ?? 0;
        int max = 0;
        foreach (var r in file.Revisions)
            foreach (var k in r.Entries.Keys) max = Math.Max(max, k);
        _next = (int)Math.Max(size, max + 1L);
        XrefKind = file.Revisions[^1].XrefKind == PdfXrefKind.Stream ? PdfXrefKind.Stream : PdfXrefKind.Table;
    }

    /// <summary>The file being updated.</summary>
    public PdfFile File => _file;

    /// <summary>Kind of cross-reference section to write; defaults to the file's (table for hybrid). Only Table and Stream are valid.</summary>
    public PdfXrefKind XrefKind { get; set; }

    /// <summary>Whether a new xref stream is Flate-compressed (default true).</summary>
    public bool CompressXrefStream { get; set; } = true;

    /// <summary>The next object number <see cref="Allocate"/> would give.</summary>
    public int NextObjectNumber => _next;

    /// <summary>A new object number (generation 0), to be given a value with <see cref="Set"/>.</summary>
    public PdfReference Allocate() => new(_next++, 0);

    /// <summary>Adds a new object and returns its reference.</summary>
    public PdfReference Add(PdfObject value)
    {
        var r = Allocate();
        Set(r, value);
        return r;
    }

    /// <summary>Gives an object number (new, or existing to replace it) its value in this update.</summary>
    public void Set(PdfReference reference, PdfObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is PdfReference) throw new ArgumentException("An indirect object cannot be a bare reference.", nameof(value));
        if (reference.ObjectNumber <= 0) throw new ArgumentOutOfRangeException(nameof(reference));
        int gen = reference.Generation;
        if (reference.ObjectNumber < _next && _file.Latest.GetEntry(reference.ObjectNumber) is { Type: PdfXrefEntryType.InUse } e) gen = e.Generation;
        _objects[reference.ObjectNumber] = (gen, value);
        if (reference.ObjectNumber >= _next) _next = reference.ObjectNumber + 1;
    }

    /// <summary>The value this update gives the object, or null when it does not touch it.</summary>
    public PdfObject? GetPending(PdfReference reference) => _objects.TryGetValue(reference.ObjectNumber, out var v) ? v.Value : null;

    /// <summary>Adds a stream built from decoded <paramref name="data"/>; Flate-compressed when <paramref name="compress"/>.</summary>
    public PdfReference AddStream(PdfDictionary dictionary, ReadOnlySpan<byte> data, bool compress = true) => Add(CreateStream(dictionary, data, compress));

    /// <summary>A stream object from decoded data, Flate-compressed when asked (sets /Filter).</summary>
    public static PdfStream CreateStream(PdfDictionary dictionary, ReadOnlySpan<byte> data, bool compress = true)
    {
        if (!compress) return new PdfStream(dictionary, data.ToArray());
        dictionary.Set("Filter", new PdfName("FlateDecode"));
        return new PdfStream(dictionary, Deflate(data));
    }

    internal static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return ms.ToArray();
    }

    /// <summary>
    /// An editable copy of an existing dictionary object (page, catalog, annotation…) registered as its
    /// replacement in this update; edit it in place. Called twice, returns the same pending copy.
    /// </summary>
    public PdfDictionary EditDictionary(PdfReference reference)
    {
        if (GetPending(reference) is PdfDictionary pending) return pending;
        if (_file.Latest.GetObject(reference) is not PdfDictionary d)
            throw new PdfException(PdfErrorKind.MissingObject, $"Object {reference} is not a dictionary");
        var copy = d.CloneDictionary();
        Set(reference, copy);
        return copy;
    }

    /// <summary>Resolves an object as this update would see it (pending values first, then the file).</summary>
    public PdfObject Resolve(PdfObject? obj)
    {
        for (int i = 0; i < 64 && obj is PdfReference r; i++)
            obj = GetPending(r) ?? _file.Latest.GetObject(r);
        return obj ?? PdfNull.Instance;
    }

    /// <summary>Sets an extra trailer entry (e.g. a new /ID or /Info). /Size, /Prev and /Root are managed by the writer.</summary>
    public void SetTrailerEntry(string key, PdfObject value)
    {
        if (key is "Size" or "Prev" or "XRefStm" or "Type" or "W" or "Index" or "Filter" or "DecodeParms" or "Length")
            throw new ArgumentException($"/{key} is managed by the writer.", nameof(key));
        _trailerExtras[key] = value;
    }

    /// <summary>
    /// Writes the update. When <paramref name="outputHoldsOriginal"/> is false the original bytes are
    /// streamed into <paramref name="output"/> first (no full-file buffer); when true, the output must
    /// already hold exactly the original file and is appended to.
    /// </summary>
    public PdfIncrementalUpdate WriteTo(Stream output, bool outputHoldsOriginal = false)
    {
        if (_objects.Count == 0) throw new InvalidOperationException("The update has no objects.");
        long origLen = _file.Length;
        if (outputHoldsOriginal)
        {
            if (output.Length != origLen) throw new InvalidOperationException("The output does not hold exactly the original file.");
            output.Seek(0, SeekOrigin.End);
        }
        else
        {
            using var src = _file.OpenRange(0, origLen);
            src.CopyTo(output, 256 * 1024);
        }
        long pos = origLen;
        var buf = new ArrayBufferWriter<byte>(64 * 1024);
        void Flush()
        {
            output.Write(buf.WrittenSpan);
            pos += buf.WrittenCount;
            buf.ResetWrittenCount();
        }
        void Text(string s) => buf.Write(Encoding.ASCII.GetBytes(s));

        // Keep the last revision intact: start the update on a new line.
        Span<byte> last = stackalloc byte[1];
        if (origLen > 0 && _file.Input.ReadAt(origLen - 1, last) == 1 && last[0] != '\n' && last[0] != '\r') Text("\n");
        Flush();
        long start = pos;

        var offsets = new Dictionary<int, (int Gen, long Offset)>();
        foreach (int num in SortedKeys(_objects.Keys))
        {
            var (gen, value) = _objects[num];
            offsets[num] = (gen, pos);
            Text($"{num} {gen} obj\n");
            var stored = _file.Security is { } sec ? sec.EncryptForWriting(value, num, gen, _file.ReadRawStreamData) : value;
            PdfSerializer.Write(stored, buf, _file, pos);
            Text("\nendobj\n");
            Flush();
        }

        var prevTrailer = _file.Trailer;
        var trailer = new PdfDictionary();
        long prev = _file.Revisions[^1].XrefOffset;
        long xrefOffset;
        if (XrefKind == PdfXrefKind.Stream)
        {
            int xnum = _next++;
            xrefOffset = pos;
            offsets[xnum] = (0, xrefOffset);
            int size = _next;
            long maxOffset = 0;
            foreach (var v in offsets.Values) maxOffset = Math.Max(maxOffset, v.Offset);
            int w1 = maxOffset > uint.MaxValue ? 8 : 4;
            var data = new MemoryStream();
            var index = new PdfArray();
            foreach (var (first, count) in Runs(SortedKeys(offsets.Keys)))
            {
                index.Add(new PdfInteger(first));
                index.Add(new PdfInteger(count));
                for (int n = first; n < first + count; n++)
                {
                    var (g, off) = offsets[n];
                    data.WriteByte(1);
                    for (int b = w1 - 1; b >= 0; b--) data.WriteByte((byte)(off >> (8 * b)));
                    data.WriteByte((byte)(g >> 8));
                    data.WriteByte((byte)g);
                }
            }
            trailer.Set("Type", new PdfName("XRef"));
            trailer.Set("Size", new PdfInteger(size));
            trailer.Set("Index", index);
            trailer.Set("W", new PdfArray(new PdfInteger(1), new PdfInteger(w1), new PdfInteger(2)));
            CopyTrailerEntries(prevTrailer, trailer);
            trailer.Set("Prev", new PdfInteger(prev));
            var stm = CreateStream(trailer, data.ToArray(), CompressXrefStream);
            Text($"{xnum} 0 obj\n");
            PdfSerializer.Write(stm, buf, _file, pos);
            Text("\nendobj\n");
        }
        else
        {
            xrefOffset = pos;
            var sb = new StringBuilder("xref\n");
            foreach (var (first, count) in Runs(SortedKeys(offsets.Keys)))
            {
                sb.Append(CultureInfo.InvariantCulture, $"{first} {count}\n");
                for (int n = first; n < first + count; n++)
                {
                    var (g, off) = offsets[n];
                    sb.Append(off.ToString("D10", CultureInfo.InvariantCulture)).Append(' ')
                      .Append(g.ToString("D5", CultureInfo.InvariantCulture)).Append(" n\r\n");
                }
            }
            Text(sb.ToString());
            trailer.Set("Size", new PdfInteger(_next));
            CopyTrailerEntries(prevTrailer, trailer);
            trailer.Set("Prev", new PdfInteger(prev));
            Text("trailer\n");
            PdfSerializer.Write(trailer, buf, _file, pos);
            Text("\n");
        }
        Text($"startxref\n{xrefOffset}\n%%EOF\n");
        Flush();
        output.Flush();
        var written = new Dictionary<PdfReference, long>(offsets.Count);
        foreach (var kv in offsets) written.Add(new PdfReference(kv.Key, kv.Value.Gen), kv.Value.Offset);
        return new PdfIncrementalUpdate(start, xrefOffset, pos, written);
    }

    private void CopyTrailerEntries(PdfDictionary from, PdfDictionary to)
    {
        foreach (var key in new[] { "Root", "Info", "ID", "Encrypt" })
            if (from[key] is { } v) to.Set(key, v);
        foreach (var kv in _trailerExtras) to.Set(kv.Key, kv.Value);
    }

    private static int[] SortedKeys(ICollection<int> keys)
    {
        int[] sorted = new int[keys.Count];
        keys.CopyTo(sorted, 0);
        sorted.AsSpan().Sort(static (x, y) => x.CompareTo(y));
        return sorted;
    }

    private static IEnumerable<(int First, int Count)> Runs(IEnumerable<int> sorted)
    {
        int first = -1, count = 0;
        foreach (var n in sorted)
        {
            if (count > 0 && n == first + count) { count++; continue; }
            if (count > 0) yield return (first, count);
            first = n;
            count = 1;
        }
        if (count > 0) yield return (first, count);
    }
}

/// <summary>Where an update landed in the output.</summary>
/// <param name="StartOffset">First byte of the update (the original file, plus an EOL if it lacked one, ends here).</param>
/// <param name="XrefOffset">Offset of the new cross-reference section (the new startxref).</param>
/// <param name="EndOffset">Length of the whole output: just after the final "%%EOF\n".</param>
/// <param name="ObjectOffsets">Absolute offset of each written object's "n g obj".</param>
public sealed record PdfIncrementalUpdate(long StartOffset, long XrefOffset, long EndOffset, IReadOnlyDictionary<PdfReference, long> ObjectOffsets);

/// <summary>Fills placeholders in place once their offsets are known, without moving any other byte.</summary>
public static class PdfPlaceholderPatcher
{
    /// <summary>
    /// The /ByteRange that covers the whole file except the hex string placeholder <paramref name="contents"/>
    /// (its '&lt;' and '&gt;' included in the gap): [0, a, b, fileLength - b].
    /// </summary>
    public static long[] ByteRangeExcluding(PdfPlaceholder contents, long fileLength)
    {
        if (contents.Offset < 0) throw new InvalidOperationException("The placeholder has not been written yet.");
        long a = contents.Offset, b = contents.Offset + contents.Length;
        return [0, a, b, fileLength - b];
    }

    /// <summary>Writes <paramref name="content"/> as hex into the placeholder, padded with zeros to its full size.</summary>
    public static void PatchHexString(Stream output, PdfPlaceholder placeholder, ReadOnlySpan<byte> content)
    {
        if (placeholder.PlaceholderKind != PdfPlaceholderKind.HexString || placeholder.Offset < 0)
            throw new InvalidOperationException("Not a written hex string placeholder.");
        if (content.Length > placeholder.ByteCount)
            throw new ArgumentException($"{content.Length} bytes do not fit the {placeholder.ByteCount}-byte placeholder.", nameof(content));
        var hex = new byte[placeholder.ByteCount * 2];
        hex.AsSpan().Fill((byte)'0');
        for (int i = 0; i < content.Length; i++)
        {
            hex[2 * i] = (byte)"0123456789ABCDEF"[content[i] >> 4];
            hex[2 * i + 1] = (byte)"0123456789ABCDEF"[content[i] & 15];
        }
        output.Position = placeholder.Offset + 1;
        output.Write(hex);
    }

    /// <summary>Writes four non-negative integers into a /ByteRange placeholder (same width, space padded).</summary>
    public static void PatchByteRange(Stream output, PdfPlaceholder placeholder, IReadOnlyList<long> range)
    {
        if (placeholder.PlaceholderKind != PdfPlaceholderKind.ByteRange || placeholder.Offset < 0)
            throw new InvalidOperationException("Not a written /ByteRange placeholder.");
        if (range.Count != 4 || range.Any(v => v < 0)) throw new ArgumentException("A byte range is four non-negative integers.", nameof(range));
        var text = $"[{range[0]} {range[1]} {range[2]} {range[3]}]";
        if (text.Length > placeholder.Length) throw new ArgumentException("Byte range values too large for the placeholder.", nameof(range));
        var bytes = Encoding.ASCII.GetBytes(text.PadRight((int)placeholder.Length));
        output.Position = placeholder.Offset;
        output.Write(bytes);
    }
}
