using DocSign.Core.Ports;
using DocSign.Pdf;
using CorePdfInspection = DocSign.Core.Ports.PdfInspection;

namespace DocSign.Infrastructure.Pdf;

/// <summary>
/// Upload check on DocSign's own hardened reader (<see cref="PdfInspector"/>): the whole cross-reference
/// chain and every object of every revision must parse within the reader's limits, the page tree must
/// hold at least one page, and the file must not be encrypted.
/// </summary>
public sealed class DocSignPdfInspector : IPdfInspector
{
    public CorePdfInspection Inspect(Stream content, CancellationToken cancellationToken = default)
    {
        try
        {
            using var pdf = PdfFile.Open(content, PdfLimits.Default, cancellationToken, leaveOpen: true);
            // Decided from the trailer alone: the objects of an encrypted file need not parse without its key.
            if (pdf.IsEncrypted) return CorePdfInspection.Encrypted();
            var summary = PdfInspector.Inspect(pdf);
            if (summary.PageCount == 0) return CorePdfInspection.NotPdf("the page tree has no pages");
            return CorePdfInspection.Ok();
        }
        catch (PdfException e)
        {
            return CorePdfInspection.NotPdf($"{e.ErrorKind}: {e.Message}");
        }
    }
}
