using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure;

/// <summary>
/// How other viewers could read the file differently from the cross-reference chain DocSign reads (a rebuilt
/// cross-reference, hidden object definitions, a linearized file's first-page section). Facts found once per file
/// and reused for every signed revision.
/// </summary>
internal sealed class ViewerReadings(PdfFile file, Func<HashSet<int>> reachableFinal)
{
    private readonly PdfFile _file = file;
    private readonly PdfRevisionView _final = file.Latest;
    private readonly Func<HashSet<int>> _reachableFinal = reachableFinal;

    private List<string>? _fileFindings;
    private readonly Dictionary<long, List<string>> _rebuildFindings = new();

    /// <summary>
    /// Where a viewer could read this file differently from the cross-reference chain DocSign reads: object
    /// definitions a viewer that rebuilds the cross-reference (because a startxref or table is not as every viewer
    /// accepts it) would take instead; the bytes after signing that hold object headers their xref does not index
    /// (an XMP stream or an /Info string carrying "5 0 obj"); a linearized file whose first-page cross-reference
    /// disagrees with the main chain, or is made authoritative by padding the file to /L. Each is a finding.
    /// </summary>
    public IEnumerable<string> Findings(int signedRevision)
    {
        if (_fileFindings is null)
        {
            _fileFindings = new List<string>();
            LinearizationFindings(_fileFindings);
            if (_file.Revisions.Any(r => r.Leniencies.Count > 0))
            {
                var notes = _file.Revisions.SelectMany(r => r.Leniencies).Take(3);
                foreach (var f in RebuildDifferences(0))
                    _fileFindings.Add(f + " (xref tidak baku: " + string.Join("; ", notes) + ")");
            }
        }
        foreach (var f in _fileFindings) yield return f;
        foreach (var f in FirstPageDisagreements(signedRevision)) yield return f;
        if (signedRevision < _file.Revisions.Count - 1)
            foreach (var f in RebuildDifferences(_file.Revisions[signedRevision].EndOffset)) yield return f;
    }

    /// <summary>
    /// Scans the raw bytes from <paramref name="from"/> to the end for object headers and compares the last
    /// definition of each number (the one a rebuilding viewer keeps) with the chain's binding.
    /// </summary>
    private List<string> RebuildDifferences(long from)
    {
        if (_rebuildFindings.TryGetValue(from, out var cached)) return cached;
        var list = new List<string>();
        _rebuildFindings[from] = list;
        var sections = new HashSet<long>(_file.Revisions.SelectMany(r => r.SectionOffsets));
        var lastHeader = new Dictionary<int, PdfObjectHeader>();
        foreach (var h in _file.ScanObjectHeaders(from, _file.Length))
            if (!sections.Contains(h.Offset)) lastHeader[h.ObjectNumber] = h;
        foreach (var (n, h) in lastHeader.OrderBy(kv => kv.Key))
        {
            var e = _final.GetEntry(n);
            bool differs = e switch
            {
                { Type: PdfXrefEntryType.InUse } u => HeaderAt(u.Offset) != h.Offset,
                { Type: PdfXrefEntryType.Compressed } c => _final.GetEntry(c.ObjectStreamNumber) is not { Type: PdfXrefEntryType.InUse } os || HeaderAt(os.Offset) < h.Offset,
                _ => _reachableFinal().Contains(n),
            };
            if (!differs) continue;
            if (list.Count < 20)
                list.Add($"definisi objek {n} di byte {h.Offset} tidak dipakai rantai xref, tetapi pembaca PDF yang membangun ulang xref dengan memindai berkas akan memakainya (isi tersembunyi)");
        }
        return list;
    }

    /// <summary>Where the object an xref entry names really starts: producers (PDFBox among them) point at the end-of-line before it.</summary>
    private long HeaderAt(long offset)
    {
        if (offset < 0 || offset >= _file.Length) return offset;
        Span<byte> buf = stackalloc byte[64];
        using var s = _file.OpenRange(offset, Math.Min(buf.Length, _file.Length - offset));
        int n = s.Read(buf);
        int k = 0;
        while (k < n && buf[k] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or (byte)'\f' or 0) k++;
        return offset + k;
    }

    private void LinearizationFindings(List<string> list)
    {
        var lin = _file.Linearization;
        if (lin is null) return;
        long end = _file.Revisions[^1].EndOffset;
        if (_file.Length > end)
            list.Add($"berkas terlinearisasi memuat {_file.Length - end} byte setelah %%EOF terakhir: pembaca dapat lebih memercayai xref halaman pertama");
        if (lin.DeclaredLength == _file.Length && _file.Revisions.Count > 1)
            list.Add("panjang berkas sama dengan /L linearisasi walaupun ada revisi tambahan: pembaca dapat memakai xref halaman pertama dan mengabaikan revisi");
        if (lin.FirstPageEntries is null)
        {
            if (lin.DeclaredLength == _file.Length) list.Add("xref halaman pertama berkas terlinearisasi tidak dapat dibaca: " + lin.Problem);
            return;
        }
    }

    /// <summary>
    /// A first-page cross-reference entry that disagrees with the main chain matters to a signature only when
    /// something after it makes the difference: the first-page section made authoritative by a later revision
    /// (the file padded to /L), or an entry naming bytes written after the signed revision. A disagreement that
    /// was already in the signed bytes, in a file whose later revisions a viewer reads through the main chain, is
    /// what the signer signed: an odd producer, not a change (found in real files).
    /// </summary>
    private IEnumerable<string> FirstPageDisagreements(int signedRevision)
    {
        var lin = _file.Linearization;
        if (lin?.FirstPageEntries is null) yield break;
        long signedEnd = _file.Revisions[signedRevision].EndOffset;
        bool authoritative = lin.DeclaredLength == _file.Length && _file.Revisions.Count > 1 + signedRevision;
        var original = _file.AtRevision(0);
        int count = 0;
        foreach (var (n, e) in lin.FirstPageEntries)
        {
            if (n == 0 || e.Type == PdfXrefEntryType.Free) continue;
            var chain = original.GetEntry(n);
            if (chain is { } c && c.Type == e.Type && c.ObjectStreamNumber == e.ObjectStreamNumber && c.IndexInStream == e.IndexInStream
                && (c.Offset == e.Offset || HeaderAt(c.Offset) == HeaderAt(e.Offset))) continue;
            bool afterSigning = e.Type == PdfXrefEntryType.InUse
                ? e.Offset >= signedEnd
                : original.GetEntry(e.ObjectStreamNumber) is not { Type: PdfXrefEntryType.InUse } os || os.Offset >= signedEnd;
            if (!authoritative && !afterSigning) continue;
            yield return $"xref halaman pertama (linearisasi) menunjuk objek {n} ke isi lain daripada rantai xref utama";
            if (++count > 20) yield break;
        }
    }
}
