using System.Text;
using DocSign.Pdf.Internal;

namespace DocSign.Pdf;

/// <summary>
/// A PDF opened for reading, built for hostile input: the file stays on its stream (never loaded
/// whole), objects are parsed lazily and cached, every attacker-controlled quantity is bounded by
/// <see cref="PdfLimits"/>, and a damaged cross-reference is reported as a <see cref="PdfException"/>,
/// never repaired (a verifier that repairs files repairs forgeries into validity).
/// Not thread-safe: one caller at a time.
/// </summary>
public sealed class PdfFile : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CancellationToken _ct;
    private readonly Dictionary<long, PdfObject> _direct = new();
    private readonly Dictionary<(long, int), PdfObject> _compressed = new();
    private readonly Dictionary<long, ObjectStreamIndex> _objectStreams = new();
    private readonly HashSet<long> _resolving = new();
    private readonly List<PdfRevisionView> _views = new();
    private long _decodedBytes;

    internal PdfInput Input { get; }
    internal WorkGuard Guard { get; }
    internal Stream BaseStream => _stream;
    internal WorkGuard.Scope EnterCall() => Guard.Enter(_ct);

    private PdfFile(Stream stream, bool leaveOpen, PdfLimits limits, CancellationToken ct)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _ct = ct;
        Limits = limits;
        Guard = new WorkGuard(limits.MaxCallDuration);
        Input = new PdfInput(stream);
        Length = Input.Length;
    }

    /// <summary>
    /// Opens a PDF: reads the header, the whole /Prev chain of cross-reference sections and each
    /// revision's end, but no object yet. The <paramref name="ct"/> also governs every later call on the file.
    /// </summary>
    /// <param name="stream">Readable, seekable; left open when <paramref name="leaveOpen"/> (the default).</param>
    /// <param name="limits">Bounds; <see cref="PdfLimits.Default"/> when null.</param>
    /// <param name="ct">Cancels any work on this file.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    /// <exception cref="PdfException">The file is not a readable PDF; <see cref="PdfException.ErrorKind"/> says why.</exception>
    public static PdfFile Open(Stream stream, PdfLimits? limits = null, CancellationToken ct = default, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var file = new PdfFile(stream, leaveOpen, limits ?? PdfLimits.Default, ct);
        try
        {
            using var _ = file.Guard.Enter(ct);
            file.Load();
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens a PDF held in memory (tests, small files).</summary>
    public static PdfFile Open(byte[] data, PdfLimits? limits = null, CancellationToken ct = default) =>
        Open(new MemoryStream(data, writable: false), limits, ct, leaveOpen: false);

    /// <summary>The bounds in force.</summary>
    public PdfLimits Limits { get; }

    /// <summary>File length in bytes.</summary>
    public long Length { get; }

    /// <summary>Version from the header, e.g. "1.7".</summary>
    public string HeaderVersion { get; private set; } = "";

    /// <summary>Offset of "%PDF-" (normally 0).</summary>
    public long HeaderOffset { get; private set; }

    /// <summary>Revisions, oldest first; the last one is the current document.</summary>
    public IReadOnlyList<PdfRevision> Revisions { get; private set; } = [];

    /// <summary>The view of the current (latest) revision.</summary>
    public PdfRevisionView Latest => _views[^1];

    /// <summary>The latest trailer.</summary>
    public PdfDictionary Trailer => Latest.Trailer;

    /// <summary>The document catalog (/Root) of the latest revision.</summary>
    public PdfDictionary Catalog => Latest.Catalog;

    /// <summary>True when the trailer has /Encrypt. DocSign neither signs nor accepts encrypted files; strings and streams of such files are not decrypted.</summary>
    public bool IsEncrypted => Trailer.ContainsKey("Encrypt");

    /// <summary>Decoded bytes produced by stream decoding on this file so far (bounded by <see cref="PdfLimits.MaxDecodedBytesPerFile"/>).</summary>
    public long DecodedBytes => _decodedBytes;

    /// <summary>The objects as they were when revision <paramref name="index"/> was saved (0 = original).</summary>
    public PdfRevisionView AtRevision(int index) => _views[index];

    /// <summary>Resolves a reference (chains followed) in the latest revision; other objects are returned as is, null becomes <see cref="PdfNull"/>.</summary>
    public PdfObject Resolve(PdfObject? obj) => Latest.Resolve(obj);

    /// <summary>The object with that number in the latest revision, or <see cref="PdfNull"/>.</summary>
    public PdfObject GetObject(int objectNumber) => Latest.GetObject(objectNumber);

    /// <summary>The latest revision's pages, in order.</summary>
    public IReadOnlyList<PdfPage> GetPages() => Latest.GetPages();

    /// <summary>Compares two objects structurally, stream data by content.</summary>
    public bool ObjectsEqual(PdfObject? a, PdfObject? b)
    {
        using var _ = EnterCall();
        return PdfObjectComparer.Equal(a, b, this, 0);
    }

    /// <summary>A read-only view of bytes [offset, offset+length) of the file, e.g. to hash a byte range. Reads through the same stream: do not interleave with other calls.</summary>
    public Stream OpenRange(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset > Length || length > Length - offset)
            throw new ArgumentOutOfRangeException(nameof(offset), "Range outside the file.");
        return new SubReadStream(_stream, offset, length);
    }

    /// <summary>The raw (still encoded) data of a stream, bounded by <see cref="PdfLimits.MaxDecodedStreamBytes"/>.</summary>
    public byte[] ReadRawStreamData(PdfStream stream)
    {
        if (stream.Data is not null) return stream.Data;
        if (stream.DataLength > Limits.MaxDecodedStreamBytes)
            throw new PdfLimitExceededException(nameof(PdfLimits.MaxDecodedStreamBytes), Limits.MaxDecodedStreamBytes, "Stream too large to load", stream.DataOffset);
        var buf = new byte[stream.DataLength];
        int n = Input.ReadAt(stream.DataOffset, buf);
        if (n != buf.Length) throw new PdfException(PdfErrorKind.Truncated, "Stream data runs past the end of the file", stream.DataOffset);
        return buf;
    }

    /// <summary>The raw data of a stream as a stream over the file (not loaded).</summary>
    public Stream OpenRawStreamData(PdfStream stream) =>
        stream.Data is not null ? new MemoryStream(stream.Data, false) : new SubReadStream(_stream, stream.DataOffset, stream.DataLength);

    /// <summary>
    /// The stream's data decoded through its /Filter chain, produced lazily and bounded: reading past
    /// <see cref="PdfLimits.MaxDecodedStreamBytes"/> (or the per-file total) throws <see cref="PdfLimitExceededException"/>.
    /// Supported: FlateDecode (PNG and TIFF predictors), ASCIIHexDecode, ASCII85Decode, Crypt/Identity.
    /// Image codecs (DCT, JPX, JBIG2, CCITTFax, RunLength, LZW) pass through undecoded unless <paramref name="strict"/>.
    /// </summary>
    public Stream OpenDecodedStream(PdfStream stream, bool strict = false)
    {
        using var _ = EnterCall();
        var filters = StreamDecoder.GetFilters(stream.Dictionary, Latest, Limits);
        return new BoundedDecodeStream(StreamDecoder.Open(OpenRawStreamData(stream), filters, strict), this, Guard, _ct);
    }

    /// <summary>Decodes a whole stream into memory (bounded as <see cref="OpenDecodedStream"/>).</summary>
    public byte[] ReadDecodedStreamData(PdfStream stream, bool strict = false)
    {
        using var s = OpenDecodedStream(stream, strict);
        var ms = new MemoryStream();
        s.CopyTo(ms, 64 * 1024);
        return ms.ToArray();
    }

    internal void CountDecoded(long n)
    {
        _decodedBytes += n;
        if (_decodedBytes > Limits.MaxDecodedBytesPerFile)
            throw new PdfLimitExceededException(nameof(PdfLimits.MaxDecodedBytesPerFile), Limits.MaxDecodedBytesPerFile, "Streams in this PDF decode to more data than allowed");
    }

    /// <summary>Offset of the first occurrence of <paramref name="pattern"/> in bytes [<paramref name="start"/>, <paramref name="end"/>) of the file, or -1.</summary>
    public long IndexOf(ReadOnlySpan<byte> pattern, long start, long end)
    {
        using var _ = EnterCall();
        return Input.IndexOf(pattern, Math.Max(0, start), Math.Min(Length, end), Guard);
    }

    /// <summary>
    /// Every object header ("num gen obj") in bytes [<paramref name="start"/>, <paramref name="end"/>) of the raw
    /// file, wherever it stands (inside strings and stream data too), as a viewer that rebuilds a damaged
    /// cross-reference by scanning finds them. Bounded by <see cref="PdfLimits.MaxObjects"/> headers.
    /// </summary>
    public IReadOnlyList<PdfObjectHeader> ScanObjectHeaders(long start, long end)
    {
        using var _ = EnterCall();
        start = Math.Max(0, start);
        end = Math.Min(Length, end);
        var found = new List<PdfObjectHeader>();
        const int Chunk = 1 << 20, Overlap = 64;
        var buf = new byte[Chunk + Overlap];
        for (long pos = start; pos < end; pos += Chunk)
        {
            Guard.Check();
            long from = Math.Max(start, pos - Overlap);
            int n = Input.ReadAt(from, buf.AsSpan(0, (int)Math.Min(buf.Length, end - from)));
            var span = buf.AsSpan(0, n);
            int skip = (int)(pos - from); // headers whose "obj" starts before pos were seen in the previous chunk
            for (int i = span.IndexOf("obj"u8); i >= 0; )
            {
                if (i >= skip && HeaderBefore(span, i, out int num, out int gen, out int at))
                {
                    found.Add(new PdfObjectHeader(from + at, num, gen));
                    if (found.Count > Limits.MaxObjects)
                        throw new PdfLimitExceededException(nameof(PdfLimits.MaxObjects), Limits.MaxObjects, "Too many object headers", from + at);
                }
                int next = span[(i + 3)..].IndexOf("obj"u8);
                i = next < 0 ? -1 : i + 3 + next;
            }
        }
        return found;
    }

    // "12 0 obj": digits, white space, digits, optional white space, then "obj" not followed by a regular character.
    private static bool HeaderBefore(ReadOnlySpan<byte> s, int objAt, out int num, out int gen, out int start)
    {
        num = gen = 0; start = -1;
        if (objAt + 3 < s.Length && PdfParser.IsRegular(s[objAt + 3])) return false;
        int i = objAt - 1;
        while (i >= 0 && PdfParser.IsWhite(s[i])) i--;
        int ge = i;
        while (i >= 0 && s[i] is >= (byte)'0' and <= (byte)'9') i--;
        if (i == ge || ge - i > 5) return false;
        int gs = i + 1;
        if (i < 0 || !PdfParser.IsWhite(s[i])) return false;
        while (i >= 0 && PdfParser.IsWhite(s[i])) i--;
        int ne = i;
        while (i >= 0 && s[i] is >= (byte)'0' and <= (byte)'9') i--;
        if (i == ne || ne - i > 10) return false;
        if (i >= 0 && PdfParser.IsRegular(s[i])) return false; // "x12 0 obj" is no header to a tokenizer
        long nv = 0, gv = 0;
        for (int k = i + 1; k <= ne; k++) nv = nv * 10 + (s[k] - '0');
        for (int k = gs; k <= ge; k++) gv = gv * 10 + (s[k] - '0');
        if (nv > int.MaxValue || gv > 65535) return false;
        num = (int)nv; gen = (int)gv; start = i + 1;
        return true;
    }

    private PdfLinearization? _linearization;
    private bool _linearizationRead;

    /// <summary>
    /// The linearization parameter dictionary (the file's first object, with /Linearized) and the first-page
    /// cross-reference section that follows it, read on their own as a viewer that trusts linearization reads
    /// them; null when the file is not linearized. Never throws for a broken first-page section: that is
    /// <see cref="PdfLinearization.Problem"/>.
    /// </summary>
    public PdfLinearization? Linearization
    {
        get
        {
            if (_linearizationRead) return _linearization;
            _linearizationRead = true;
            using var scope = EnterCall();
            long pos = HeaderOffset;
            var p = new PdfParser(Input, Limits, Guard);
            Input.Seek(pos + 5);
            while (Input.Peek() is >= 0 and not ('\r' or '\n')) Input.Read(); // rest of the header line
            PdfObject first;
            long objAt;
            try
            {
                p.SkipWhitespaceAndComments();
                objAt = Input.Position;
                first = ParseIndirectAt(objAt, -1, -1, null, out _, allowAnyObject: true);
            }
            catch (PdfException) { return null; }
            if (first is not PdfDictionary d || !d.ContainsKey("Linearized")) return null;
            long l = d.GetInteger("L") ?? -1;
            var lin = new PdfLinearization { DictionaryOffset = objAt, DeclaredLength = l };
            p.NextToken(); // endobj
            try
            {
                p.SkipWhitespaceAndComments();
                long sectionAt = Input.Position;
                lin.FirstPageXrefOffset = sectionAt;
                var section = ReadSection(sectionAt);
                lin.FirstPageEntries = section.Entries;
                lin.InMainChain = Revisions.Any(r => r.SectionOffsets.Contains(sectionAt));
            }
            catch (PdfException e) { lin.Problem = e.Message; }
            return _linearization = lin;
        }
    }

    /// <summary>Closes the stream unless it was opened with leaveOpen (the default for streams).</summary>
    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }

    // ---------------------------------------------------------------- loading

    private sealed class XrefSection
    {
        public long Offset;
        public PdfXrefKind Kind;
        public PdfDictionary Trailer = null!;
        public Dictionary<int, PdfXrefEntry> Entries = new();
        public long End;
        public long EofOffset;
        public long EndOffset;
        public long? XRefStmOffset;
        public List<string> Leniencies = new();
        public SortedSet<int> Duplicates = new();
    }

    private int _totalEntries;

    private void Load()
    {
        if (Length == 0) throw new PdfException(PdfErrorKind.NotPdf, "The file is empty");
        long header = Input.IndexOf("%PDF-"u8, 0, Math.Min(Length, 1024));
        if (header < 0) throw new PdfException(PdfErrorKind.NotPdf, "No %PDF- header in the first 1024 bytes: not a PDF");
        HeaderOffset = header;
        Span<byte> ver = stackalloc byte[3];
        int vn = Input.ReadAt(header + 5, ver);
        HeaderVersion = Encoding.ASCII.GetString(ver[..vn]);

        long sx = Input.LastIndexOf("startxref"u8, Math.Max(0, Length - 4096), Length);
        if (sx < 0) sx = Input.LastIndexOf("startxref"u8, Math.Max(0, Length - 1024 * 1024), Length);
        if (sx < 0) throw new PdfException(PdfErrorKind.BrokenXref, "No startxref near the end of the file (truncated or damaged; not repaired)");
        var p = new PdfParser(Input, Limits, Guard);
        Input.Seek(sx + 9);
        if (p.NextToken() != TokenType.Integer || p.IntValue < 0 || p.IntValue >= Length)
            throw new PdfException(PdfErrorKind.BrokenXref, "startxref does not give an offset inside the file", sx);
        long xref = p.IntValue;
        string? startxrefNote = StrictStartxref(sx) ? null : $"the last startxref (at byte {sx}) is not plain digits between end-of-lines: viewers may rebuild the cross-reference by scanning";

        var sections = new List<XrefSection>(); // newest first
        var seen = new HashSet<long>();
        long? next = xref;
        while (next is long off)
        {
            Guard.Check();
            if (!seen.Add(off)) throw new PdfException(PdfErrorKind.Cycle, "The /Prev chain of cross-reference sections loops", off);
            if (sections.Count >= Limits.MaxRevisions)
                throw new PdfLimitExceededException(nameof(PdfLimits.MaxRevisions), Limits.MaxRevisions, "Too many cross-reference sections");
            var s = ReadSection(off);
            sections.Add(s);
            next = null;
            var prev = s.Trailer["Prev"];
            if (prev is not null)
            {
                if (prev is not PdfInteger pi || pi.Value < 0 || pi.Value >= Length)
                    throw new PdfException(PdfErrorKind.BrokenXref, "/Prev is not an offset inside the file", off);
                next = pi.Value;
            }
        }

        // Group sections into revisions. Sections that end before the same %%EOF are one save (Acrobat writes an
        // empty table whose /Prev is the real one); an older section lying later in the file than the newer one is
        // the main part of a linearized file (its first-page section comes first), also one revision, even when a
        // later update's /Prev points back at that first-page section (form-fill saves of linearized files).
        var groups = new List<List<XrefSection>>();
        bool linearMerged = false;
        for (int i = 0; i < sections.Count; i++)
        {
            if (i > 0 && sections[i].EndOffset == sections[i - 1].EndOffset)
                groups[^1].Add(sections[i]);
            else if (i > 0 && sections[i].Offset > sections[i - 1].Offset && !linearMerged)
            {
                groups[^1].Add(sections[i]);
                linearMerged = true;
            }
            else
            {
                groups.Add([sections[i]]);
                linearMerged = false;
            }
        }
        groups.Reverse(); // oldest first

        var revisions = new List<PdfRevision>();
        long lastEnd = -1;
        for (int r = 0; r < groups.Count; r++)
        {
            var g = groups[r]; // newest first within the group
            var merged = new Dictionary<int, PdfXrefEntry>();
            for (int k = g.Count - 1; k >= 0; k--)
                foreach (var kv in g[k].Entries) merged[kv.Key] = kv.Value;
            var last = g.MaxBy(s => s.EndOffset)!;
            if (last.EndOffset <= lastEnd)
                throw new PdfException(PdfErrorKind.BrokenXref, "Revisions overlap: a newer revision ends before an older one", g[0].Offset);
            lastEnd = last.EndOffset;
            var offsets = new List<long>();
            var notes = new List<string>();
            var dups = new SortedSet<int>();
            foreach (var s in g) { offsets.Add(s.Offset); if (s.XRefStmOffset is long xs) offsets.Add(xs); notes.AddRange(s.Leniencies); dups.UnionWith(s.Duplicates); }
            if (r == groups.Count - 1 && startxrefNote is not null) notes.Add(startxrefNote);
            revisions.Add(new PdfRevision(r, g[0].Offset, g[0].Kind, g[0].Trailer, last.EofOffset, last.EndOffset, merged, offsets) { Leniencies = notes, DuplicateObjectNumbers = dups.ToArray() });
        }
        Revisions = revisions;
        for (int i = 0; i < revisions.Count; i++) _views.Add(new PdfRevisionView(this, i));
        var root = Trailer["Root"];
        if (root is not PdfReference)
            throw new PdfException(PdfErrorKind.MissingObject, "The trailer has no /Root reference");
    }

    /// <summary>
    /// Whether the startxref at <paramref name="sx"/> is written as every viewer reads it: the keyword, an end-of-line,
    /// digits, an end-of-line. A comment or a sign there is read by some viewers and makes others rebuild the
    /// cross-reference by scanning the file, which can find objects the chain never names.
    /// </summary>
    private bool StrictStartxref(long sx)
    {
        Span<byte> buf = stackalloc byte[48];
        int n = Input.ReadAt(sx + 9, buf);
        var b = buf[..n];
        int i = 0;
        int eols = 0;
        while (i < b.Length && b[i] is (byte)'\r' or (byte)'\n' or (byte)' ') { if (b[i] != ' ') eols++; i++; }
        if (eols == 0) return false;
        int digits = 0;
        while (i < b.Length && b[i] is >= (byte)'0' and <= (byte)'9') { i++; digits++; }
        if (digits == 0 || i >= b.Length) return false;
        while (i < b.Length && b[i] == ' ') i++;
        return i < b.Length && b[i] is (byte)'\r' or (byte)'\n';
    }

    private XrefSection ReadSection(long offset)
    {
        var p = new PdfParser(Input, Limits, Guard);
        Input.Seek(offset);
        p.NextToken();
        XrefSection s;
        bool exact = p.TokenStart == offset;
        if (p.IsKeyword("xref"))
        {
            s = ReadTable(p, offset);
            if (s.Trailer["XRefStm"] is PdfInteger xs)
            {
                if (xs.Value < 0 || xs.Value >= Length) throw new PdfException(PdfErrorKind.BrokenXref, "/XRefStm outside the file", offset);
                var stm = ReadXrefStream(xs.Value);
                // Hybrid: the table's own entries come first; the stream fills in what the table lacks.
                foreach (var kv in stm.Entries)
                    if (!s.Entries.TryGetValue(kv.Key, out var t) || (t.Type == PdfXrefEntryType.Free && kv.Value.Type != PdfXrefEntryType.Free))
                        s.Entries[kv.Key] = kv.Value;
                s.Kind = PdfXrefKind.Hybrid;
                s.XRefStmOffset = xs.Value;
                s.End = Math.Max(s.End, stm.End);
            }
        }
        else if (p.Type == TokenType.Integer)
        {
            s = ReadXrefStream(offset);
        }
        else throw new PdfException(PdfErrorKind.BrokenXref, "No cross-reference section where startxref or /Prev points", offset);

        if (!exact) s.Leniencies.Add($"startxref or /Prev points at byte {offset}, not exactly at the cross-reference section: viewers may rebuild the cross-reference by scanning");
        long eof = Input.IndexOf("%%EOF"u8, s.End, Length, Guard);
        if (eof < 0) throw new PdfException(PdfErrorKind.Truncated, "A revision has no %%EOF marker (truncated file)", s.End);
        s.EofOffset = eof;
        long end = eof + 5;
        Span<byte> two = stackalloc byte[2];
        int n = Input.ReadAt(end, two);
        if (n >= 1 && two[0] == '\r') end += n >= 2 && two[1] == '\n' ? 2 : 1;
        else if (n >= 1 && two[0] == '\n') end += 1;
        s.EndOffset = end;
        return s;
    }

    private void CountEntries(long count, long at)
    {
        if (count < 0 || _totalEntries + count > Limits.MaxObjects)
            throw new PdfLimitExceededException(nameof(PdfLimits.MaxObjects), Limits.MaxObjects, "Too many cross-reference entries", at);
        _totalEntries += (int)count;
    }

    private XrefSection ReadTable(PdfParser p, long offset)
    {
        var s = new XrefSection { Offset = offset, Kind = PdfXrefKind.Table };
        while (true)
        {
            p.NextToken();
            if (p.IsKeyword("trailer")) break;
            if (p.Type != TokenType.Integer) throw new PdfException(PdfErrorKind.BrokenXref, "Bad cross-reference subsection header", p.TokenStart);
            long first = p.IntValue;
            if (p.NextToken() != TokenType.Integer) throw new PdfException(PdfErrorKind.BrokenXref, "Bad cross-reference subsection header", p.TokenStart);
            long count = p.IntValue;
            if (first < 0 || count < 0 || first + count > int.MaxValue) throw new PdfException(PdfErrorKind.BrokenXref, "Bad cross-reference subsection range", p.TokenStart);
            CountEntries(count, p.TokenStart);
            for (long i = 0; i < count; i++)
                ReadTableEntry(s, (int)(first + i));
        }
        var trailer = p.ParseObject() as PdfDictionary ?? throw new PdfException(PdfErrorKind.BrokenXref, "trailer is not a dictionary", p.TokenStart);
        trailer.Freeze();
        s.Trailer = trailer;
        s.End = Input.Position;
        return s;
    }

    /// <summary>
    /// One table entry, read by line as qpdf and poppler read it: offset, generation and type, then anything up to
    /// the end of the line is ignored (producers write comments there) and blank lines between entries are skipped.
    /// A free entry's generation may be 65536 (the free-list head PDFium, SAMBox and others write). What was
    /// tolerated is noted on the section, for the verifier: such an xref is one a stricter viewer may rebuild.
    /// </summary>
    private void ReadTableEntry(XrefSection s, int num)
    {
        int c;
        while (PdfParser.IsWhite(c = Input.Peek())) Input.Read();
        long at = Input.Position;
        long off = ReadDigits(at), gen;
        if (off < 0 || !SkipBlanks()) throw new PdfException(PdfErrorKind.BrokenXref, $"Bad cross-reference entry for object {num}", at);
        gen = ReadDigits(at);
        if (gen < 0 || !SkipBlanks()) throw new PdfException(PdfErrorKind.BrokenXref, $"Bad cross-reference entry for object {num}", at);
        int type = Input.Read();
        if (type != 'n' && type != 'f') throw new PdfException(PdfErrorKind.BrokenXref, $"Cross-reference entry for object {num} is neither n nor f", at);
        bool junk = false;
        while ((c = Input.Peek()) >= 0 && c != '\r' && c != '\n')
        {
            if (!PdfParser.IsWhite(c)) junk = true;
            Input.Read();
            if (Input.Position - at > 1024) throw new PdfException(PdfErrorKind.BrokenXref, $"Cross-reference entry for object {num} runs on", at);
        }
        if (junk) s.Leniencies.Add($"text after the cross-reference entry of object {num} (at byte {at})");
        // An object named twice in one section: viewers keep the first entry, and so does this reader.
        if (s.Entries.ContainsKey(num)) { s.Duplicates.Add(num); return; }
        if (type == 'f')
        {
            if (gen > 65536) s.Leniencies.Add($"free entry of object {num} with generation {gen}");
            s.Entries[num] = new PdfXrefEntry(num, (int)Math.Min(gen, 65535), PdfXrefEntryType.Free, 0, 0, 0);
            return;
        }
        if (gen > 65535) throw new PdfException(PdfErrorKind.BrokenXref, $"Bad generation {gen} in the cross-reference entry of object {num}", at);
        if (off >= Length) throw new PdfException(PdfErrorKind.BrokenXref, $"Object {num} is said to be outside the file", at);
        s.Entries[num] = new PdfXrefEntry(num, (int)gen, PdfXrefEntryType.InUse, off, 0, 0);
    }

    private long ReadDigits(long at)
    {
        long v = 0;
        int n = 0, c;
        while ((c = Input.Peek()) is >= '0' and <= '9')
        {
            Input.Read();
            if (++n > 12) throw new PdfException(PdfErrorKind.BrokenXref, "Cross-reference entry has too many digits", at);
            v = v * 10 + (c - '0');
        }
        return n == 0 ? -1 : v;
    }

    private bool SkipBlanks()
    {
        bool any = false;
        while (Input.Peek() is ' ' or '\t') { Input.Read(); any = true; }
        return any;
    }

    private XrefSection ReadXrefStream(long offset)
    {
        var obj = ParseIndirectAt(offset, -1, -1, null, out _);
        if (obj is not PdfStream stm || stm.Dictionary.GetName("Type") != "XRef")
            throw new PdfException(PdfErrorKind.BrokenXref, "No cross-reference stream where one is expected", offset);
        var d = stm.Dictionary;
        var s = new XrefSection { Offset = offset, Kind = PdfXrefKind.Stream, Trailer = d, End = Input.Position };
        if (d["W"] is not PdfArray w || w.Count != 3 || w.Any(x => x is not PdfInteger i || i.Value < 0 || i.Value > 8))
            throw new PdfException(PdfErrorKind.BrokenXref, "Cross-reference stream has a bad /W", offset);
        int w0 = (int)((PdfInteger)w[0]).Value, w1 = (int)((PdfInteger)w[1]).Value, w2 = (int)((PdfInteger)w[2]).Value;
        int row = w0 + w1 + w2;
        if (row == 0) throw new PdfException(PdfErrorKind.BrokenXref, "Cross-reference stream has a bad /W", offset);
        long size = d.GetInteger("Size") ?? throw new PdfException(PdfErrorKind.BrokenXref, "Cross-reference stream has no /Size", offset);
        var ranges = new List<(long First, long Count)>();
        if (d["Index"] is PdfArray idx)
        {
            if (idx.Count % 2 != 0) throw new PdfException(PdfErrorKind.BrokenXref, "Cross-reference stream has a bad /Index", offset);
            for (int i = 0; i < idx.Count; i += 2)
            {
                if (idx[i] is not PdfInteger a || idx[i + 1] is not PdfInteger b || a.Value < 0 || b.Value < 0 || a.Value + b.Value > int.MaxValue)
                    throw new PdfException(PdfErrorKind.BrokenXref, "Cross-reference stream has a bad /Index", offset);
                ranges.Add((a.Value, b.Value));
            }
        }
        else
        {
            if (size < 0 || size > int.MaxValue) throw new PdfException(PdfErrorKind.BrokenXref, "Cross-reference stream has a bad /Size", offset);
            ranges.Add((0, size));
        }
        long total = ranges.Sum(r => r.Count);
        CountEntries(total, offset);
        // The decoded size is known in advance: anything more is refused before it is produced.
        long need = total * row;
        var filters = StreamDecoder.GetFilters(d, null, Limits);
        byte[] data;
        using (var ds = new BoundedDecodeStream(StreamDecoder.Open(OpenRawStreamData(stm), filters, strict: true), this, Guard, _ct))
        {
            // Grown as data arrives: a declared /Size is not trusted with an allocation up front.
            var ms = new MemoryStream((int)Math.Min(need, 1 << 20));
            var chunk = new byte[64 * 1024];
            while (ms.Length < need)
            {
                int n = ds.Read(chunk, 0, (int)Math.Min(chunk.Length, need - ms.Length));
                if (n <= 0) break;
                ms.Write(chunk, 0, n);
            }
            if (ms.Length < need) throw new PdfException(PdfErrorKind.BrokenXref, "Cross-reference stream data is shorter than /Index and /W say", offset);
            data = ms.GetBuffer();
        }
        int pos = 0;
        foreach (var (first, count) in ranges)
        {
            for (long i = 0; i < count; i++)
            {
                int num = (int)(first + i);
                long type = w0 == 0 ? 1 : ReadBE(data, pos, w0);
                long f2 = ReadBE(data, pos + w0, w1);
                long f3 = ReadBE(data, pos + w0 + w1, w2);
                pos += row;
                if (s.Entries.ContainsKey(num)) { s.Duplicates.Add(num); continue; } // overlapping /Index: the first entry counts
                switch (type)
                {
                    case 0: s.Entries[num] = new PdfXrefEntry(num, (int)Math.Min(f3, 65535), PdfXrefEntryType.Free, 0, 0, 0); break;
                    case 1:
                        if (f2 < 0 || f2 >= Length) throw new PdfException(PdfErrorKind.BrokenXref, $"Object {num} is said to be outside the file", offset);
                        if (f3 > 65535) throw new PdfException(PdfErrorKind.BrokenXref, $"Object {num} has a bad generation", offset);
                        s.Entries[num] = new PdfXrefEntry(num, (int)f3, PdfXrefEntryType.InUse, f2, 0, 0);
                        break;
                    case 2:
                        if (f2 <= 0 || f2 > int.MaxValue || f3 > int.MaxValue) throw new PdfException(PdfErrorKind.BrokenXref, $"Object {num} has a bad object stream entry", offset);
                        s.Entries[num] = new PdfXrefEntry(num, 0, PdfXrefEntryType.Compressed, 0, (int)f2, (int)f3);
                        break;
                    default: break; // unknown types are references to the null object (ISO 32000-2 §7.5.8.3)
                }
            }
        }
        return s;
    }

    private static long ReadBE(byte[] data, int pos, int width)
    {
        long v = 0;
        for (int i = 0; i < width; i++) v = (v << 8) | data[pos + i];
        return v;
    }

    // ---------------------------------------------------------------- objects

    /// <summary>Parses "num gen obj ... endobj" at <paramref name="offset"/>; a wrong header means a broken xref.</summary>
    internal PdfObject ParseIndirectAt(long offset, int expectNum, int expectGen, PdfRevisionView? view, out int objectNumber, bool allowAnyObject = false)
    {
        var p = new PdfParser(Input, Limits, Guard);
        Input.Seek(offset);
        if (p.NextToken() != TokenType.Integer || p.IntValue < 0 || p.IntValue > int.MaxValue)
            throw new PdfException(PdfErrorKind.BrokenXref, expectNum >= 0 ? $"Object {expectNum} is not where the cross-reference says" : allowAnyObject ? "No object here" : "No object where a cross-reference stream is expected", offset);
        objectNumber = (int)p.IntValue;
        long num = p.IntValue;
        if (p.NextToken() != TokenType.Integer)
            throw new PdfException(PdfErrorKind.BrokenXref, expectNum >= 0 ? $"Object {expectNum} is not where the cross-reference says" : "No object where a cross-reference stream is expected", offset);
        long gen = p.IntValue;
        p.NextToken();
        if (!p.IsKeyword("obj") || (expectNum >= 0 && (num != expectNum || gen != expectGen)))
            throw new PdfException(PdfErrorKind.BrokenXref, expectNum >= 0
                ? $"Object {expectNum} {expectGen} is not where the cross-reference says (found {num} {gen})"
                : $"No object header where a cross-reference stream is expected (found {num} {gen})", offset);
        var value = p.ParseObject();
        long afterValue = Input.Position;
        p.NextToken();
        if (p.IsKeyword("stream"))
        {
            if (value is not PdfDictionary dict) throw new PdfException(PdfErrorKind.Malformed, "stream keyword after a non-dictionary", p.TokenStart);
            // The EOL after "stream" is CRLF or LF (a lone CR is tolerated: some producers write it).
            int c = Input.Read();
            if (c == '\r') { if (Input.Peek() == '\n') Input.Read(); }
            else if (c != '\n') throw new PdfException(PdfErrorKind.Malformed, "stream keyword not followed by an end-of-line", p.TokenEnd);
            long dataOffset = Input.Position;
            long length = StreamLength(dict, view, offset);
            if (length < 0 || length > Length - dataOffset)
                throw new PdfException(PdfErrorKind.Malformed, $"Stream /Length {length} runs past the end of the file", dataOffset);
            Input.Seek(dataOffset + length);
            p.NextToken();
            if (!p.IsKeyword("endstream"))
                throw new PdfException(PdfErrorKind.Malformed, "Stream /Length does not end at endstream", dataOffset + length);
            var stream = new PdfStream(dict, dataOffset, length, this);
            stream.Freeze();
            return stream;
        }
        Input.Seek(afterValue);
        value.Freeze();
        return value;
    }

    private long StreamLength(PdfDictionary dict, PdfRevisionView? view, long at)
    {
        var l = dict["Length"];
        if (l is PdfReference r)
        {
            if (view is null) throw new PdfException(PdfErrorKind.Malformed, "Indirect /Length where it cannot be resolved", at);
            long save = Input.Position;
            l = view.Resolve(r);
            Input.Seek(save);
        }
        return l is PdfInteger i ? i.Value : throw new PdfException(PdfErrorKind.Malformed, "Stream has no integer /Length", at);
    }

    internal PdfObject LoadEntry(PdfXrefEntry e, PdfRevisionView view)
    {
        if (e.Type == PdfXrefEntryType.InUse)
        {
            if (_direct.TryGetValue(e.Offset, out var cached)) return cached;
            if (!_resolving.Add(e.Offset))
                throw new PdfException(PdfErrorKind.Cycle, $"Object {e.ObjectNumber} depends on itself (e.g. its /Length)", e.Offset);
            try
            {
                var obj = ParseIndirectAt(e.Offset, e.ObjectNumber, e.Generation, view, out _);
                _direct[e.Offset] = obj;
                return obj;
            }
            finally { _resolving.Remove(e.Offset); }
        }
        // Compressed: the object stream must itself be an uncompressed stream in this view.
        var container = view.GetEntry(e.ObjectStreamNumber);
        if (container is not { Type: PdfXrefEntryType.InUse } ce)
            throw new PdfException(PdfErrorKind.BrokenXref,
                container is { Type: PdfXrefEntryType.Compressed } ? $"Object stream {e.ObjectStreamNumber} is itself compressed (or contains itself)" : $"Object stream {e.ObjectStreamNumber} of object {e.ObjectNumber} does not exist");
        if (_compressed.TryGetValue((ce.Offset, e.IndexInStream), out var c)) return c;
        var index = LoadObjectStream(ce, view);
        if (e.IndexInStream >= index.Numbers.Length)
            throw new PdfException(PdfErrorKind.BrokenXref, $"Object {e.ObjectNumber} is past the end of object stream {e.ObjectStreamNumber}");
        if (index.Numbers[e.IndexInStream] != e.ObjectNumber)
            throw new PdfException(PdfErrorKind.BrokenXref, $"Object stream {e.ObjectStreamNumber} holds object {index.Numbers[e.IndexInStream]}, not {e.ObjectNumber}, at index {e.IndexInStream}");
        var input = new PdfInput(index.Data);
        var p = new PdfParser(input, Limits, Guard);
        long start = index.First + index.Offsets[e.IndexInStream];
        if (start > index.Data.Length) throw new PdfException(PdfErrorKind.Malformed, $"Object {e.ObjectNumber} lies outside its object stream");
        input.Seek(start);
        var value = p.ParseObject();
        if (value is PdfReference) { } // allowed
        value.Freeze();
        _compressed[(ce.Offset, e.IndexInStream)] = value;
        return value;
    }

    private sealed record ObjectStreamIndex(byte[] Data, int First, int[] Numbers, long[] Offsets);

    private ObjectStreamIndex LoadObjectStream(PdfXrefEntry ce, PdfRevisionView view)
    {
        if (_objectStreams.TryGetValue(ce.Offset, out var idx)) return idx;
        var obj = LoadEntry(ce, view);
        if (obj is not PdfStream s || s.Dictionary.GetName("Type") != "ObjStm")
            throw new PdfException(PdfErrorKind.BrokenXref, $"Object {ce.ObjectNumber} is not an object stream", ce.Offset);
        long n = s.Dictionary.GetInteger("N") ?? -1, first = s.Dictionary.GetInteger("First") ?? -1;
        if (n < 0 || first < 0) throw new PdfException(PdfErrorKind.Malformed, "Object stream without valid /N and /First", ce.Offset);
        if (n > Limits.MaxObjectsPerObjectStream)
            throw new PdfLimitExceededException(nameof(PdfLimits.MaxObjectsPerObjectStream), Limits.MaxObjectsPerObjectStream, "Object stream holds too many objects", ce.Offset);
        var data = ReadDecodedStreamData(s, strict: true);
        if (first > data.Length) throw new PdfException(PdfErrorKind.Malformed, "Object stream /First is past its data", ce.Offset);
        var input = new PdfInput(data);
        var p = new PdfParser(input, Limits, Guard);
        var nums = new int[n];
        var offs = new long[n];
        for (int i = 0; i < n; i++)
        {
            if (p.NextToken() != TokenType.Integer || p.IntValue < 0 || p.IntValue > int.MaxValue || input.Position > first)
                throw new PdfException(PdfErrorKind.Malformed, "Bad object stream header", ce.Offset);
            nums[i] = (int)p.IntValue;
            if (p.NextToken() != TokenType.Integer || p.IntValue < 0 || input.Position > first)
                throw new PdfException(PdfErrorKind.Malformed, "Bad object stream header", ce.Offset);
            offs[i] = p.IntValue;
        }
        idx = new ObjectStreamIndex(data, (int)first, nums, offs);
        _objectStreams[ce.Offset] = idx;
        return idx;
    }
}

/// <summary>
/// The document as it was when one revision was saved: cross-reference lookups see only that
/// revision and older ones. The verifier compares each signed revision with the final one object by object.
/// </summary>
public sealed class PdfRevisionView
{
    private readonly PdfFile _file;
    private IReadOnlyList<PdfPage>? _pages;

    internal PdfRevisionView(PdfFile file, int index)
    {
        _file = file;
        RevisionIndex = index;
    }

    /// <summary>The file this view reads.</summary>
    public PdfFile File => _file;

    /// <summary>Index into <see cref="PdfFile.Revisions"/>.</summary>
    public int RevisionIndex { get; }

    /// <summary>The revision.</summary>
    public PdfRevision Revision => _file.Revisions[RevisionIndex];

    /// <summary>This revision's trailer.</summary>
    public PdfDictionary Trailer => Revision.Trailer;

    /// <summary>The catalog (/Root) as of this revision.</summary>
    public PdfDictionary Catalog =>
        Resolve(Trailer["Root"]) as PdfDictionary ?? throw new PdfException(PdfErrorKind.MissingObject, "The trailer's /Root is not a dictionary");

    /// <summary>The cross-reference entry for an object number as of this revision, or null.</summary>
    public PdfXrefEntry? GetEntry(int objectNumber)
    {
        var revs = _file.Revisions;
        for (int r = RevisionIndex; r >= 0; r--)
            if (revs[r].Entries.TryGetValue(objectNumber, out var e)) return e;
        return null;
    }

    /// <summary>Every object number in use as of this revision, ascending.</summary>
    public IReadOnlyList<int> ObjectNumbers
    {
        get
        {
            var all = new SortedSet<int>();
            for (int r = 0; r <= RevisionIndex; r++)
                foreach (var kv in _file.Revisions[r].Entries)
                {
                    if (kv.Value.Type == PdfXrefEntryType.Free) all.Remove(kv.Key);
                    else all.Add(kv.Key);
                }
            return all.ToArray();
        }
    }

    /// <summary>The object with this number as of this revision, or <see cref="PdfNull"/> when free or absent.</summary>
    public PdfObject GetObject(int objectNumber) => GetObject(objectNumber, -1);

    /// <summary>The object a reference names (generation checked), or <see cref="PdfNull"/>.</summary>
    public PdfObject GetObject(PdfReference reference) => GetObject(reference.ObjectNumber, reference.Generation);

    private PdfObject GetObject(int num, int gen)
    {
        using var _ = _file.EnterCall();
        var e = GetEntry(num);
        if (e is not { } entry || entry.Type == PdfXrefEntryType.Free) return PdfNull.Instance;
        if (gen >= 0 && entry.Type == PdfXrefEntryType.InUse && entry.Generation != gen) return PdfNull.Instance;
        if (gen > 0 && entry.Type == PdfXrefEntryType.Compressed) return PdfNull.Instance;
        return _file.LoadEntry(entry, this);
    }

    /// <summary>Follows references (a chain of them, loops refused) to a direct object; null becomes <see cref="PdfNull"/>.</summary>
    public PdfObject Resolve(PdfObject? obj)
    {
        if (obj is null) return PdfNull.Instance;
        if (obj is not PdfReference) return obj;
        HashSet<PdfReference>? seen = null;
        while (obj is PdfReference r)
        {
            seen ??= new();
            if (!seen.Add(r)) throw new PdfException(PdfErrorKind.Cycle, $"Reference {r} resolves to itself through a chain of references");
            obj = GetObject(r);
        }
        return obj;
    }

    /// <summary>Resolves <paramref name="dict"/>[<paramref name="key"/>] and returns it when it is a <typeparamref name="T"/>, else null.</summary>
    public T? Get<T>(PdfDictionary dict, string key) where T : PdfObject => Resolve(dict[key]) as T;

    /// <summary>
    /// Walks the page tree (iteratively, each node once: a tree that contains itself is a
    /// <see cref="PdfErrorKind.Cycle"/> error) and returns the pages with inherited attributes.
    /// </summary>
    public IReadOnlyList<PdfPage> GetPages()
    {
        if (_pages is not null) return _pages;
        using var _ = _file.EnterCall();
        var limits = _file.Limits;
        var pages = new List<PdfPage>();
        var visited = new HashSet<PdfReference>();
        var rootRef = Catalog["Pages"];
        var stack = new Stack<(PdfObject Node, int Depth, PdfArray? Media, PdfArray? Crop, PdfDictionary? Res, int Rotate)>();
        if (rootRef is null) throw new PdfException(PdfErrorKind.MissingObject, "The catalog has no /Pages");
        stack.Push((rootRef, 0, null, null, null, 0));
        while (stack.Count > 0)
        {
            _file.Guard.Tick();
            var (nodeObj, depth, media, crop, res, rot) = stack.Pop();
            PdfReference? nodeRef = nodeObj as PdfReference;
            if (nodeRef is not null && !visited.Add(nodeRef))
                throw new PdfException(PdfErrorKind.Cycle, $"The page tree contains node {nodeRef} more than once (it loops)");
            if (depth > limits.MaxPageTreeDepth)
                throw new PdfLimitExceededException(nameof(PdfLimits.MaxPageTreeDepth), limits.MaxPageTreeDepth, "Page tree too deep");
            if (Resolve(nodeObj) is not PdfDictionary node)
                throw new PdfException(PdfErrorKind.MissingObject, $"Page tree node {nodeObj} is not a dictionary");
            media = Get<PdfArray>(node, "MediaBox") ?? media;
            crop = Get<PdfArray>(node, "CropBox") ?? crop;
            res = Get<PdfDictionary>(node, "Resources") ?? res;
            if (Resolve(node["Rotate"]) is PdfInteger ri) rot = (int)(((ri.Value % 360) + 360) % 360 / 90 * 90);
            var type = node.GetName("Type");
            var kidsObj = node["Kids"];
            if (type == "Pages" || (type is null && kidsObj is not null))
            {
                if (Resolve(kidsObj) is not PdfArray kids)
                    throw new PdfException(PdfErrorKind.Malformed, $"Page tree node {nodeObj} has no /Kids array");
                for (int i = kids.Count - 1; i >= 0; i--)
                    stack.Push((kids[i], depth + 1, media, crop, res, rot));
            }
            else
            {
                if (pages.Count >= limits.MaxPages)
                    throw new PdfLimitExceededException(nameof(PdfLimits.MaxPages), limits.MaxPages, "Too many pages");
                pages.Add(new PdfPage(pages.Count, nodeRef, node, media, crop, res, rot));
            }
        }
        _pages = pages;
        return pages;
    }
}
