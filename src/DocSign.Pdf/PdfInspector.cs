namespace DocSign.Pdf;

/// <summary>What an upload check learned about a PDF.</summary>
/// <param name="HeaderVersion">Version from the header.</param>
/// <param name="PageCount">Pages found by walking the page tree.</param>
/// <param name="RevisionCount">Revisions (1 for a file never updated incrementally).</param>
/// <param name="IsEncrypted">True when the trailer has /Encrypt (DocSign refuses these).</param>
/// <param name="SignatureCount">Signature fields with a value (/FT /Sig with /V) in the latest revision, document timestamps included.</param>
/// <param name="ObjectCount">Objects in use in the latest revision.</param>
public sealed record PdfInspection(string HeaderVersion, int PageCount, int RevisionCount, bool IsEncrypted, int SignatureCount, int ObjectCount);

/// <summary>
/// The structural check every PDF from outside goes through before DocSign stores it: the whole
/// cross-reference chain, every object of every revision parsed (streams not decoded), the page tree
/// walked and the signature fields counted — all under <see cref="PdfLimits"/>.
/// </summary>
public static class PdfInspector
{
    /// <summary>Checks the PDF on <paramref name="stream"/> (left open) and summarises it.</summary>
    /// <exception cref="PdfException">The file is not a PDF DocSign can read; the message says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static PdfInspection Inspect(Stream stream, PdfLimits? limits = null, CancellationToken ct = default)
    {
        using var file = PdfFile.Open(stream, limits, ct);
        return Inspect(file);
    }

    /// <summary>Checks an already opened file.</summary>
    public static PdfInspection Inspect(PdfFile file)
    {
        int objects = 0;
        for (int r = 0; r < file.Revisions.Count; r++)
        {
            var view = file.AtRevision(r);
            foreach (var num in file.Revisions[r].DefinedObjects) view.GetObject(num);
        }
        var latest = file.Latest;
        objects = latest.ObjectNumbers.Count;
        int pages = file.IsEncrypted ? 0 : latest.GetPages().Count;
        int signatures = 0;
        if (!file.IsEncrypted && latest.Get<PdfDictionary>(latest.Catalog, "AcroForm") is { } acro && latest.Get<PdfArray>(acro, "Fields") is { } fields)
            signatures = CountSignatureFields(latest, fields, file.Limits);
        return new PdfInspection(file.HeaderVersion, pages, file.Revisions.Count, file.IsEncrypted, signatures, objects);
    }

    // Fields form a tree through /Kids; walked iteratively, each node once.
    private static int CountSignatureFields(PdfRevisionView view, PdfArray fields, PdfLimits limits)
    {
        int count = 0;
        var seen = new HashSet<PdfReference>();
        var stack = new Stack<(PdfObject Node, int Depth, string? InheritedType)>();
        foreach (var f in fields) stack.Push((f, 0, null));
        while (stack.Count > 0)
        {
            var (node, depth, inherited) = stack.Pop();
            if (node is PdfReference r && !seen.Add(r)) continue;
            if (depth > limits.MaxNestingDepth)
                throw new PdfLimitExceededException(nameof(PdfLimits.MaxNestingDepth), limits.MaxNestingDepth, "Form field tree too deep");
            if (view.Resolve(node) is not PdfDictionary d) continue;
            var ft = d.GetName("FT") ?? inherited;
            if (ft == "Sig" && d.ContainsKey("V")) count++;
            if (view.Get<PdfArray>(d, "Kids") is { } kids)
                foreach (var k in kids) stack.Push((k, depth + 1, ft));
        }
        return count;
    }
}
