using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Problems;
using DocSign.Core.Verification;

namespace DocSign.Core.Archive;

/// <summary>A fresh verification of an archived PDF, and whether its bytes are still those archived.</summary>
public sealed record ArchiveCheck(ArchiveCopy Copy, VerificationResult Verification)
{
    public bool SameAsArchived => string.Equals(Verification.Sha256, Copy.Sha256, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// "Periksa sekarang": re-reads an archived signed document (or cover letter) from storage as it is now and verifies it
/// with the service's one verifier, for those who may read the office's archive. Nothing changes but one audit line.
/// </summary>
public sealed class VerifyArchiveCopyHandler(ReadArchiveCopyHandler read, IPdfVerifier verifier, IAuditTrail audit)
{
    public async Task<ArchiveCheck> HandleAsync(Actor actor, string officeId, Guid copyId, CancellationToken cancellationToken = default)
    {
        var (copy, content) = await read.HandleAsync(actor, officeId, copyId, cancellationToken);
        await using var stream = await VerifyStoredVersionHandler.SeekableAsync(content, cancellationToken);
        if (copy.Role is not (ArchiveRoles.Document or ArchiveRoles.CoverLetter))
            throw DocSignProblem.Invalid("Hanya naskah dan surat pengantar bertanda tangan yang dapat diperiksa tanda tangannya.");
        var verification = await verifier.VerifyAsync(stream, copy.Key[(copy.Key.LastIndexOf('/') + 1)..], cancellationToken);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.Verified)
        {
            OfficeId = copy.OfficeId,
            ActorUserId = actor.UserId,
            ActorName = actor.UserName,
            DocumentId = copy.DocumentId,
            Sha256 = verification.Sha256,
            Detail = $"archive {copy.Key}: {verification.Verdict}",
        }, cancellationToken);
        return new ArchiveCheck(copy, verification);
    }
}
