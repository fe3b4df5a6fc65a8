using System.Text;
using System.Text.RegularExpressions;
using DocSign.Core.Ports;

namespace DocSign.Infrastructure.Pdf;

/// <summary>
/// Stop-gap until DocSign.Pdf's hardened reader is merged: a bounded structural check that reads only the
/// first and last 64 KB of the file (header, startxref, the cross-reference section it points to, trailer
/// /Encrypt). It parses nothing else, so hostile input cannot make it allocate or recurse.
/// Replace by the DocSign.Pdf-backed inspector (one registration in AddDocSignInfrastructure).
/// </summary>
public sealed partial class InterimPdfInspector : IPdfInspector
{
    private const int Window = 64 * 1024;

    public PdfInspection Inspect(Stream content, CancellationToken cancellationToken = default)
    {
        var length = content.Length;
        if (length < 32) return PdfInspection.NotPdf("too short");

        var head = ReadAt(content, 0, (int)Math.Min(1024, length));
        var headText = Encoding.Latin1.GetString(head);
        var h = headText.IndexOf("%PDF-", StringComparison.Ordinal);
        if (h < 0 || !HeaderVersion().IsMatch(headText.AsSpan(h)))
            return PdfInspection.NotPdf("no %PDF-x.y header in the first 1024 bytes");

        var tailLength = (int)Math.Min(Window, length);
        var tailText = Encoding.Latin1.GetString(ReadAt(content, length - tailLength, tailLength));
        if (tailText.LastIndexOf("%%EOF", StringComparison.Ordinal) < 0)
            return PdfInspection.NotPdf("no %%EOF at the end");
        var sx = StartXref().Matches(tailText);
        if (sx.Count == 0) return PdfInspection.NotPdf("no startxref");
        if (!long.TryParse(sx[^1].Groups[1].Value, out var xrefOffset) || xrefOffset <= h || xrefOffset >= length)
            return PdfInspection.NotPdf("startxref points outside the file");

        var sectionLength = (int)Math.Min(Window, length - xrefOffset);
        var section = Encoding.Latin1.GetString(ReadAt(content, xrefOffset, sectionLength));
        string trailer;
        if (section.StartsWith("xref", StringComparison.Ordinal))
        {
            var t = section.IndexOf("trailer", StringComparison.Ordinal);
            if (t < 0) return PdfInspection.NotPdf("xref table without trailer");
            trailer = section[t..];
        }
        else if (XrefStreamStart().IsMatch(section))
        {
            var end = section.IndexOf("stream", StringComparison.Ordinal);
            if (end < 0 || !section.AsSpan(0, end).Contains("/XRef", StringComparison.Ordinal))
                return PdfInspection.NotPdf("startxref does not point to a cross-reference stream");
            trailer = section[..end];
        }
        else
        {
            return PdfInspection.NotPdf("startxref does not point to a cross-reference section");
        }
        if (!trailer.Contains("/Root", StringComparison.Ordinal)) return PdfInspection.NotPdf("trailer has no /Root");
        return trailer.Contains("/Encrypt", StringComparison.Ordinal) ? PdfInspection.Encrypted() : PdfInspection.Ok();
    }

    private static byte[] ReadAt(Stream s, long offset, int count)
    {
        var buffer = new byte[count];
        s.Position = offset;
        s.ReadExactly(buffer);
        return buffer;
    }

    [GeneratedRegex(@"^%PDF-[12]\.\d")]
    private static partial Regex HeaderVersion();

    [GeneratedRegex(@"startxref\s+(\d{1,15})\s+%%EOF")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"^\d+\s+\d+\s+obj\b")]
    private static partial Regex XrefStreamStart();
}
