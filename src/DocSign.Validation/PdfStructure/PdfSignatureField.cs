using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure;

/// <summary>
/// A signature (or document timestamp) dictionary as found in the file, with the raw facts the checks need:
/// the /ByteRange as written, the /Contents bytes and where the /Contents string lies in the file.
/// </summary>
internal sealed class PdfSignatureField
{
    public required string FieldName { get; init; }
    public PdfReference? FieldRef { get; init; }
    public PdfReference? SigDictRef { get; init; }
    public required PdfDictionary SigDict { get; init; }
    public bool IsDocTimestamp { get; init; }
    public string? Filter { get; init; }
    public string? SubFilter { get; init; }
    /// <summary>The /ByteRange numbers, or null when missing or not an array of integers.</summary>
    public long[]? ByteRange { get; init; }
    public string? ByteRangeProblem { get; init; }
    public byte[]? Contents { get; init; }
    public long ContentsStart { get; init; } = -1;
    public long ContentsEnd { get; init; } = -1;
    public string? ContentsProblem { get; init; }
    public string? M { get; init; }
    public string? Reason { get; init; }
    public string? Location { get; init; }
    public string? Name { get; init; }
    public int? DocMdpP { get; init; }
    /// <summary>Index of the revision the byte range closes, or -1.</summary>
    public int Revision { get; set; } = -1;
}
