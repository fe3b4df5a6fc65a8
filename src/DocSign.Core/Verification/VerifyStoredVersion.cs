using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Ports;

namespace DocSign.Core.Verification;

/// <summary>
/// Office members and auditors verify a version DocSign stores (typically the signed one): the same
/// read rules as downloading it, so another office's version is a 404.
/// </summary>
public sealed class VerifyStoredVersionHandler(GetDocumentHandler documents, ReadVersionContentHandler versions, IVerificationReports verifier, IAuditTrail audit)
{
    public async Task<(DocumentVersion Version, VerificationSummary Summary)> SummarizeAsync(Actor actor, Guid documentId, int number, CancellationToken cancellationToken = default)
    {
        var document = await documents.HandleAsync(actor, documentId, cancellationToken);
        var (version, content) = await versions.HandleAsync(actor, documentId, number, cancellationToken);
        await using var copy = await SeekableAsync(content, cancellationToken);
        var summary = await verifier.SummarizeAsync(copy, $"dokumen-v{number}.pdf", cancellationToken);
        await RecordAsync(actor, document, version, summary.Verdict, cancellationToken);
        return (version, summary);
    }

    public async Task<VerificationReportFile> ReportAsync(Actor actor, Guid documentId, int number, VerificationReportFormat format, CancellationToken cancellationToken = default)
    {
        var document = await documents.HandleAsync(actor, documentId, cancellationToken);
        var (version, content) = await versions.HandleAsync(actor, documentId, number, cancellationToken);
        await using var copy = await SeekableAsync(content, cancellationToken);
        var report = await verifier.RenderReportAsync(copy, $"dokumen-v{number}.pdf", format, cancellationToken);
        await RecordAsync(actor, document, version, "report-" + format.ToString().ToLowerInvariant(), cancellationToken);
        return report;
    }

    /// <summary>
    /// Object-store streams (S3) cannot seek; the verifier must. Those go to a temporary file that deletes
    /// itself when the verification is done.
    /// </summary>
    private static async Task<Stream> SeekableAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content.CanSeek) return content;   // the file-system store: read in place
        await using (content)
        {
            var path = Path.Combine(Path.GetTempPath(), "docsign-verify-" + Guid.NewGuid().ToString("N"));
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await content.CopyToAsync(file, cancellationToken);
            file.Position = 0;
            return file;
        }
    }

    private Task RecordAsync(Actor actor, Document document, DocumentVersion version, string detail, CancellationToken cancellationToken) =>
        audit.RecordNowAsync(new AuditEvent(AuditActions.Verified)
        {
            OfficeId = document.OfficeId,
            ActorUserId = actor.UserId,
            ActorName = actor.UserName,
            DocumentId = document.Id,
            VersionNumber = version.Number,
            Sha256 = version.Sha256,
            Detail = "stored: " + detail,
        }, cancellationToken);
}
