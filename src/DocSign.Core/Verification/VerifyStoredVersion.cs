using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;

namespace DocSign.Core.Verification;

/// <summary>
/// Office members and auditors verify a version DocSign stores (typically the signed one): the same read rules as
/// downloading it, so another office's version is a 404. The bytes never leave the server, so the audit trail gets
/// the verification's line and no download line.
/// </summary>
public sealed class VerifyStoredVersionHandler(ReadVersionContentHandler versions, IPdfVerifier verifier, IAuditTrail audit, Calendar.OfficeTimes times)
{
    public async Task<(DocumentVersion Version, VerificationResult Verification)> HandleAsync(Actor actor, Guid documentId, int number, CancellationToken cancellationToken = default)
    {
        var (document, version, content) = await versions.OpenAsync(actor, documentId, number, cancellationToken);
        await using var copy = await SeekableAsync(content, cancellationToken);
        var verification = await verifier.VerifyAsync(copy, $"dokumen-v{number}.pdf", cancellationToken);
        await RecordAsync(actor, document, version, verification.Verdict, cancellationToken);
        return (version, verification);
    }

    public async Task<VerificationReportFile> ReportAsync(Actor actor, Guid documentId, int number, VerificationReportFormat format, CancellationToken cancellationToken = default)
    {
        var (document, version, content) = await versions.OpenAsync(actor, documentId, number, cancellationToken);
        await using var copy = await SeekableAsync(content, cancellationToken);
        // The report's times (and its file name) in the document's office's zone.
        var (verification, report) = await verifier.ReportAsync(copy, $"dokumen-v{number}.pdf", format,
            await times.ForOfficeAsync(document.OfficeId, cancellationToken), cancellationToken);
        await RecordAsync(actor, document, version, $"{verification.Verdict}, report-{format.ToString().ToLowerInvariant()}", cancellationToken);
        return report;
    }

    /// <summary>
    /// Object-store streams (S3) cannot seek; the verifier must. Those go to a temporary file that deletes
    /// itself when the verification is done.
    /// </summary>
    internal static async Task<Stream> SeekableAsync(Stream content, CancellationToken cancellationToken)
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
