using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Problems;
using Microsoft.Extensions.Options;

namespace DocSign.Core.Verification;

/// <summary>
/// Anyone signed in checks a PDF they hold (an auditor's copy, a file from another office): the verdict and each
/// signature, or the report as HTML or PDF. The same use case behind <c>POST /api/verify</c> and the Verifikasi
/// screen; nothing is stored but one audit line per check.
/// </summary>
public sealed class VerifyUploadHandler(IPdfVerifier verifier, IAuditTrail audit, IOptions<UploadOptions> options, Calendar.OfficeTimes times)
{
    /// <param name="password">An encrypted PDF's password, when the uploader gives one (never logged or audited).</param>
    public async Task<VerificationResult> HandleAsync(Actor actor, UploadedFile? file, CancellationToken cancellationToken = default, string? password = null)
    {
        Check(file);
        var verification = await verifier.VerifyAsync(file!.Content, file.FileName, string.IsNullOrEmpty(password) ? null : password, cancellationToken);
        await RecordAsync(actor, verification.Verdict, verification.Sha256, cancellationToken);
        return verification;
    }

    public async Task<VerificationReportFile> ReportAsync(Actor actor, UploadedFile? file, VerificationReportFormat format, CancellationToken cancellationToken = default)
    {
        Check(file);
        // The report's times in the reader's own office's zone (WIB for someone of no office).
        var (verification, report) = await verifier.ReportAsync(file!.Content, file.FileName, format, await times.ForActorAsync(actor, cancellationToken), cancellationToken);
        await RecordAsync(actor, $"{verification.Verdict}, report-{format.ToString().ToLowerInvariant()}", verification.Sha256, cancellationToken);
        return report;
    }

    private void Check(UploadedFile? file)
    {
        if (file is null || file.Length == 0)
            throw DocSignProblem.Invalid("Lampirkan berkas PDF bertanda tangan yang akan diperiksa.");
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
