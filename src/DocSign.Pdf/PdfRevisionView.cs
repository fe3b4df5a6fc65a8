namespace DocSign.Pdf;

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
