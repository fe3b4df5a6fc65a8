namespace DocSign.Core.Ports;

/// <summary>
/// Checks an uploaded file with DocSign's own hardened PDF reader (never a general-purpose library):
/// can it be parsed as a PDF (header, cross-reference, trailer), and is it encrypted.
/// </summary>
public interface IPdfInspector
{
    /// <param name="content">A seekable stream positioned anywhere; the inspector may seek.</param>
    /// <param name="cancellationToken">Stops the inspection of a file that takes too long.</param>
    PdfInspection Inspect(Stream content, CancellationToken cancellationToken = default);
}

public sealed record PdfInspection(bool IsPdf, bool IsEncrypted, string? Reason)
{
    public static PdfInspection NotPdf(string reason) => new(false, false, reason);
    public static PdfInspection Encrypted() => new(true, true, "encrypted");
    public static PdfInspection Ok() => new(true, false, null);
}
