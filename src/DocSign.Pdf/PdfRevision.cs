namespace DocSign.Pdf;

/// <summary>How a revision's cross-reference section is stored.</summary>
public enum PdfXrefKind
{
    /// <summary>Classic <c>xref</c> table and <c>trailer</c> dictionary.</summary>
    Table,
    /// <summary>Cross-reference stream (/Type /XRef), PDF 1.5+.</summary>
    Stream,
    /// <summary>Classic table whose trailer names an extra cross-reference stream with /XRefStm.</summary>
    Hybrid,
}

/// <summary>State of an object number in one cross-reference entry.</summary>
public enum PdfXrefEntryType
{
    /// <summary>Free (deleted) object.</summary>
    Free = 0,
    /// <summary>In use, stored uncompressed at <see cref="PdfXrefEntry.Offset"/>.</summary>
    InUse = 1,
    /// <summary>In use, stored inside object stream <see cref="PdfXrefEntry.ObjectStreamNumber"/>.</summary>
    Compressed = 2,
}

/// <summary>One cross-reference entry as the file states it.</summary>
/// <param name="ObjectNumber">The object number.</param>
/// <param name="Generation">Generation (0 for compressed objects; next generation for free ones).</param>
/// <param name="Type">Free, in use or compressed.</param>
/// <param name="Offset">Absolute byte offset of "n g obj" for <see cref="PdfXrefEntryType.InUse"/>, else 0.</param>
/// <param name="ObjectStreamNumber">Object stream holding a compressed object, else 0.</param>
/// <param name="IndexInStream">Index within that object stream, else 0.</param>
public readonly record struct PdfXrefEntry(int ObjectNumber, int Generation, PdfXrefEntryType Type, long Offset, int ObjectStreamNumber, int IndexInStream);

/// <summary>
/// One revision of the file: the original document or one incremental update. A linearized file's
/// two cross-reference sections (first-page and main) form one revision.
/// </summary>
public sealed class PdfRevision
{
    internal PdfRevision(int index, long xrefOffset, PdfXrefKind kind, PdfDictionary trailer, long eofMarkerOffset, long endOffset,
        IReadOnlyDictionary<int, PdfXrefEntry> entries, IReadOnlyList<long> sectionOffsets)
    {
        Index = index;
        XrefOffset = xrefOffset;
        XrefKind = kind;
        Trailer = trailer;
        EofMarkerOffset = eofMarkerOffset;
        EndOffset = endOffset;
        Entries = entries;
        SectionOffsets = sectionOffsets;
        DefinedObjects = SortedNumbers(entries, free: false);
        FreedObjects = SortedNumbers(entries, free: true);
    }

    // A loop and a sort with an explicit comparison rather than Where/Select/Order: those LINQ iterators over
    // the PdfXrefEntry struct and the int sort helper the default comparer creates by reflection are not
    // precompiled in the CLI's ReadyToRun image, and JIT-compiling ~20 methods cost milliseconds per `docsign sign`.
    private static int[] SortedNumbers(IReadOnlyDictionary<int, PdfXrefEntry> entries, bool free)
    {
        var numbers = new List<int>(entries.Count);
        foreach (var e in entries.Values)
            if ((e.Type == PdfXrefEntryType.Free) == free && !(free && e.ObjectNumber == 0)) numbers.Add(e.ObjectNumber);
        int[] sorted = numbers.ToArray();
        sorted.AsSpan().Sort(static (x, y) => x.CompareTo(y));
        return sorted;
    }

    /// <summary>
    /// What the reader tolerated in this revision's cross-reference (text after table entries, a free-list head of
    /// generation 65536, a startxref or /Prev that is not exact): things real producers write that a stricter
    /// viewer may answer by rebuilding the cross-reference from the raw bytes. Empty for a well-formed revision.
    /// </summary>
    public IReadOnlyList<string> Leniencies { get; init; } = [];

    /// <summary>Object numbers this revision's cross-reference names more than once (the first entry is the one read, as viewers read it).</summary>
    public IReadOnlyList<int> DuplicateObjectNumbers { get; init; } = [];

    /// <summary>Objects a hybrid section's table frees and its /XRefStm restates in use (uncompressed): readers of
    /// the table alone, of the stream, and those that rebuild by scanning each see something else.</summary>
    public IReadOnlyList<int> FreedAndRestatedObjectNumbers { get; init; } = [];

    /// <summary>0 for the original document, then one per incremental update (oldest first).</summary>
    public int Index { get; }

    /// <summary>Offset of this revision's cross-reference section: what its <c>startxref</c> names (the table for hybrid files).</summary>
    public long XrefOffset { get; }

    /// <summary>Offsets of every cross-reference section that makes up this revision (table, its /XRefStm, linearized parts).</summary>
    public IReadOnlyList<long> SectionOffsets { get; }

    /// <summary>How the cross-reference is stored.</summary>
    public PdfXrefKind XrefKind { get; }

    /// <summary>The trailer dictionary (for xref streams: the stream's dictionary).</summary>
    public PdfDictionary Trailer { get; }

    /// <summary>Offset of the <c>%</c> that starts this revision's <c>%%EOF</c> marker.</summary>
    public long EofMarkerOffset { get; }

    /// <summary>
    /// Offset just after this revision: after its <c>%%EOF</c> marker and the single end-of-line that
    /// follows it, if any (CR LF, LF or CR). The bytes [0, EndOffset) are exactly the file as it was
    /// when this revision was saved (what a signature closing this revision covers).
    /// </summary>
    public long EndOffset { get; }

    /// <summary>Offset just after the five bytes <c>%%EOF</c> (no EOL).</summary>
    public long EofMarkerEnd => EofMarkerOffset + 5;

    /// <summary>Every entry this revision's sections state, by object number.</summary>
    public IReadOnlyDictionary<int, PdfXrefEntry> Entries { get; }

    /// <summary>Object numbers this revision defines or redefines (in use), ascending.</summary>
    public IReadOnlyList<int> DefinedObjects { get; }

    /// <summary>Object numbers this revision marks free, ascending (object 0 excluded).</summary>
    public IReadOnlyList<int> FreedObjects { get; }
}

/// <summary>A page found by the page tree walk, with the inheritable attributes already resolved.</summary>
public sealed class PdfPage
{
    internal PdfPage(int index, PdfReference? reference, PdfDictionary dictionary, PdfArray? mediaBox, PdfArray? cropBox, PdfDictionary? resources, int rotate)
    {
        Index = index;
        Reference = reference;
        Dictionary = dictionary;
        MediaBox = mediaBox;
        CropBox = cropBox;
        Resources = resources;
        Rotate = rotate;
    }

    /// <summary>0-based page index.</summary>
    public int Index { get; }

    /// <summary>The page object's reference (null only for a page written as a direct dictionary, which the spec forbids).</summary>
    public PdfReference? Reference { get; }

    /// <summary>The page dictionary (frozen; clone to edit).</summary>
    public PdfDictionary Dictionary { get; }

    /// <summary>/MediaBox, inherited if needed.</summary>
    public PdfArray? MediaBox { get; }

    /// <summary>/CropBox, inherited if needed.</summary>
    public PdfArray? CropBox { get; }

    /// <summary>/Resources, inherited and resolved.</summary>
    public PdfDictionary? Resources { get; }

    /// <summary>/Rotate, inherited, normalised to 0, 90, 180 or 270.</summary>
    public int Rotate { get; }
}

/// <summary>An object header ("num gen obj") found by scanning the raw bytes.</summary>
/// <param name="Offset">Offset of the first digit of the object number.</param>
/// <param name="ObjectNumber">The object number.</param>
/// <param name="Generation">The generation.</param>
public readonly record struct PdfObjectHeader(long Offset, int ObjectNumber, int Generation);

/// <summary>A linearized file's parameter dictionary and first-page cross-reference section, as read on their own.</summary>
public sealed class PdfLinearization
{
    /// <summary>Offset of the linearization parameter dictionary's object.</summary>
    public long DictionaryOffset { get; init; }

    /// <summary>/L: the file length the linearization was written for (a viewer trusts the first-page section when it equals the file's length); -1 when absent.</summary>
    public long DeclaredLength { get; init; }

    /// <summary>Offset of the first-page cross-reference section (right after the dictionary), or -1.</summary>
    public long FirstPageXrefOffset { get; internal set; } = -1;

    /// <summary>The first-page section's entries; null when it could not be read (<see cref="Problem"/>).</summary>
    public IReadOnlyDictionary<int, PdfXrefEntry>? FirstPageEntries { get; internal set; }

    /// <summary>Whether the startxref//Prev chain includes the first-page section.</summary>
    public bool InMainChain { get; internal set; }

    /// <summary>Why the first-page section could not be read, or null.</summary>
    public string? Problem { get; internal set; }
}
