using DocSign.Core.Ports;
using DocSign.Pdf;

namespace DocSign.Infrastructure.Pdf;

/// <summary>
/// Upload check on DocSign's own hardened reader: the file must open (header, every cross-reference
/// section of the /Prev chain, trailer) within the reader's limits, must not be encrypted, and its
/// catalog and page tree must resolve to at least one page.
/// </summary>
public sealed class DocSignPdfInspector : IPdfInspector
{
    public PdfInspection Inspect(Stream content, CancellationToken cancellationToken = default)
    {
        try
        {
            using var pdf = PdfFile.Open(content, PdfLimits.Default, cancellationToken, leaveOpen: true);
            // Checked before anything else is resolved: object streams of encrypted files cannot be read.
            if (pdf.IsEncrypted) return PdfInspection.Encrypted();
            if (pdf.GetPages().Count == 0) return PdfInspection.NotPdf("the page tree has no pages");
            return PdfInspection.Ok();
        }
        catch (PdfException e)
        {
            return PdfInspection.NotPdf($"{e.ErrorKind}: {e.Message}");
        }
    }
}
