namespace DocSign.Pdf;

/// <summary>
/// Bounds on everything an attacker controls in a PDF. The reader enforces each by construction
/// (counters checked before the work is done) so that a hostile file ends in a
/// <see cref="PdfLimitExceededException"/>, not a stack overflow, a hang or an exhausted heap.
/// The defaults fit real documents of a few hundred MB.
/// </summary>
public sealed record PdfLimits
{
    /// <summary>The defaults.</summary>
    public static PdfLimits Default { get; } = new();

    /// <summary>Nesting of arrays and dictionaries inside one object.</summary>
    public int MaxNestingDepth { get; init; } = 256;

    /// <summary>Object numbers across all cross-reference sections of the file (counted per entry).</summary>
    public int MaxObjects { get; init; } = 2_000_000;

    /// <summary>Cross-reference sections in the /Prev chain (revisions, counting hybrid/linearized parts).</summary>
    public int MaxRevisions { get; init; } = 2_000;

    /// <summary>Decoded bytes of one string.</summary>
    public int MaxStringLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Decoded bytes of one name (the spec's own limit is 127).</summary>
    public int MaxNameLength { get; init; } = 4096;

    /// <summary>Elements of one array or entries of one dictionary.</summary>
    public int MaxCollectionSize { get; init; } = 4_000_000;

    /// <summary>Decoded bytes one stream may produce.</summary>
    public long MaxDecodedStreamBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Decoded bytes all stream decoding on one opened file may produce, summed (a bomb referenced many times).</summary>
    public long MaxDecodedBytesPerFile { get; init; } = 512L * 1024 * 1024;

    /// <summary>Objects in one object stream (its /N).</summary>
    public int MaxObjectsPerObjectStream { get; init; } = 100_000;

    /// <summary>Pages the page tree walk returns, and the depth of /Kids nesting it follows.</summary>
    public int MaxPages { get; init; } = 100_000;

    /// <summary>Depth of the page tree (Pages inside Pages).</summary>
    public int MaxPageTreeDepth { get; init; } = 64;

    /// <summary>Chained filters on one stream.</summary>
    public int MaxFilters { get; init; } = 8;

    /// <summary>Wall-clock time one public call may take (a second guard beside the caller's CancellationToken).</summary>
    public TimeSpan MaxCallDuration { get; init; } = TimeSpan.FromSeconds(20);
}
