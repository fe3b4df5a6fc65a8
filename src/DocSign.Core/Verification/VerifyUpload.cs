using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Options;

namespace DocSign.Core.Verification;

/// <summary>
/// Anyone signed in checks a PDF they hold (an auditor's copy, a file from another office): the verdict
/// and each signature, or the report as HTML or PDF. Nothing is stored but the audit line.
/// </summary>
public sealed class VerifyUploadHandler(IVerificationReports verifier, IAuditTrail audit, IOptions<UploadOptions> options)
{
    public async Task<VerificationSummary> SummarizeAsync(Actor actor, UploadedFile? file, CancellationToken cancellationToken = default)
    {
        Check(file);
        var summary = await verifier.SummarizeAsync(file!.Content, file.FileName, cancellationToken);
        await RecordAsync(actor, summary.Verdict, summary.Sha256, cancellationToken);
        return summary;
    }

    public async Task<VerificationReportFile> ReportAsync(Actor actor, UploadedFile? file, VerificationReportFormat format, CancellationToken cancellationToken = default)
    {
        Check(file);
        var report = await verifier.RenderReportAsync(file!.Content, file.FileName, format, cancellationToken);
        await RecordAsync(actor, "report-" + format.ToString().ToLowerInvariant(), null, cancellationToken);
        return report;
    }

    private void Check(UploadedFile? file)
    {
        if (file is null || file.Length == 0)
            throw DocSignProblem.Invalid("Pilih berkas PDF yang akan diperiksa.");
        if (file.Length > options.Value.MaxBytes)
            throw new DocSignProblem(ProblemKind.TooLarge, "Berkas terlalu besar untuk diverifikasi.");
        file.Content.Position = 0;
    }

    private Task RecordAsync(Actor actor, string detail, string? sha256, CancellationToken cancellationToken) =>
        audit.RecordNowAsync(new AuditEvent(AuditActions.Verified)
        {
            ActorUserId = actor.UserId,
            ActorName = actor.UserName,
            Sha256 = sha256,
            Detail = "upload: " + detail,
        }, cancellationToken);
}
