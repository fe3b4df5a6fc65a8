using System.Text;

namespace DocSign.Pdf.Internal;

/// <summary>One cross-reference section (table, stream or hybrid) as read, before sections are grouped into revisions.</summary>
internal sealed class XrefSection
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
    public SortedSet<int> Restated = new();
    public SortedSet<int> Duplicates = new();
}

/// <summary>
/// Reads a file's cross-reference: the startxref, the /Prev chain of tables, streams and hybrids, each section's
/// entries (bounded by <see cref="PdfLimits.MaxObjects"/> over the whole file) and the end of each revision.
/// Never repairs: a damaged cross-reference is a <see cref="PdfException"/>. One reader per file, so the entry
/// count covers every section read from it (the linearization's first-page section too).
/// </summary>
internal sealed class XrefReader(PdfFile file)
{
    private readonly PdfFile _file = file;
    private int _totalEntries;

    private PdfInput Input => _file.Input;
    private PdfLimits Limits => _file.Limits;
    private WorkGuard Guard => _file.Guard;
    private long Length => _file.Length;

    /// <summary>Reads the header and the whole /Prev chain, grouped into revisions (oldest first).</summary>
    public (long HeaderOffset, string HeaderVersion, List<PdfRevision> Revisions) ReadChain()
    {
        if (Length == 0) throw new PdfException(PdfErrorKind.NotPdf, "The file is empty");
        long header = Input.IndexOf("%PDF-"u8, 0, Math.Min(Length, 1024));
        if (header < 0) throw new PdfException(PdfErrorKind.NotPdf, "No %PDF- header in the first 1024 bytes: not a PDF");
        Span<byte> ver = stackalloc byte[3];
        int vn = Input.ReadAt(header + 5, ver);
        string version = Encoding.ASCII.GetString(ver[..vn]);

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
            var restated = new SortedSet<int>();
            foreach (var s in g) { offsets.Add(s.Offset); if (s.XRefStmOffset is long xs) offsets.Add(xs); notes.AddRange(s.Leniencies); dups.UnionWith(s.Duplicates); restated.UnionWith(s.Restated); }
            if (r == groups.Count - 1 && startxrefNote is not null) notes.Add(startxrefNote);
            revisions.Add(new PdfRevision(r, g[0].Offset, g[0].Kind, g[0].Trailer, last.EofOffset, last.EndOffset, merged, offsets) { Leniencies = notes, DuplicateObjectNumbers = dups.ToArray(), FreedAndRestatedObjectNumbers = restated.ToArray() });
        }
        return (header, version, revisions);
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

    /// <summary>Reads the cross-reference section at <paramref name="offset"/> (a hybrid table with its /XRefStm) and finds the end of its revision.</summary>
    public XrefSection ReadSection(long offset)
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
                {
                    bool inTable = s.Entries.TryGetValue(kv.Key, out var t);
                    if (!inTable || (t.Type == PdfXrefEntryType.Free && kv.Value.Type != PdfXrefEntryType.Free))
                    {
                        // The usual hybrid puts compressed objects in the stream only. An uncompressed object the
                        // table frees and the stream restates is read one way by a 1.4 reader, another by a 1.5
                        // reader, and a third by a viewer that rebuilds the cross-reference by scanning.
                        if (inTable && kv.Value.Type == PdfXrefEntryType.InUse && s.Restated.Add(kv.Key))
                            s.Leniencies.Add($"object {kv.Key} is free in the cross-reference table but restated in use by its /XRefStm");
                        s.Entries[kv.Key] = kv.Value;
                    }
                }
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
        var obj = _file.ParseIndirectAt(offset, -1, -1, null, out _);
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
        using (var ds = new BoundedDecodeStream(StreamDecoder.Open(_file.OpenRawStreamData(stm), filters, strict: true), _file, Guard, _file.Cancellation))
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
}
