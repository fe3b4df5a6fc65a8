namespace DocSign.Core.Audit;

/// <summary>
/// One thing that happened, as the audit trail records it: what (<see cref="Action"/>, one of
/// <see cref="AuditActions"/>), on what (office, document, version, SHA-256) and how it ended. Who and from where
/// are filled in by the trail from the request; a use case may name the actor itself (jobs act as <see cref="DocSign.Core.Access.SystemActor"/>).
/// </summary>
public sealed record AuditEvent(string Action, string Outcome = AuditOutcome.Success)
{
    public string? OfficeId { get; init; }
    public Guid? DocumentId { get; init; }
    public int? VersionNumber { get; init; }
    public string? Sha256 { get; init; }
    /// <summary>The acting user's id when the use case knows it better than the request does (jobs, sign-in).</summary>
    public string? ActorUserId { get; init; }
    public string? ActorName { get; init; }
    /// <summary>Short, human-readable detail (a letter number, a reason). Never a secret.</summary>
    public string? Detail { get; init; }
}

public static class AuditOutcome
{
    public const string Success = "success";
    public const string Denied = "denied";
    public const string Failed = "failed";
    /// <summary>The service refused the action (403, 404 on an existing object, a throttle): see <see cref="IRefusalAudit"/>.</summary>
    public const string Refused = "refused";
}

/// <summary>Stable action codes of the audit trail (stored as text; never renamed).</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string SignOut = "auth.sign-out";
    /// <summary>An account reached the wrong-password count at which sign-ins from new places are slowed (once per attack).</summary>
    public const string SignInAttack = "auth.sign-in-attack";
    /// <summary>A session ended by its owner on the Sesi page or by an admin lock (logout is <see cref="SignOut"/>).</summary>
    public const string SessionEnded = "auth.session-ended";
    public const string DocumentCreated = "document.created";
    public const string VersionUploaded = "document.version-uploaded";
    public const string VersionDownloaded = "document.version-downloaded";
    public const string Verified = "document.verified";
    public const string Submitted = "workflow.submitted";
    public const string StepAdvanced = "workflow.step";
    public const string WorkflowStarted = "workflow.started";
    public const string StepReturned = "workflow.returned";
    public const string RevisionStarted = "workflow.revision";
    public const string StepOverdue = "workflow.overdue";
    public const string FindingRecorded = "workflow.finding";
    public const string FindingAnswered = "workflow.finding-answered";
    public const string Signed = "document.signed";
    public const string SignFailed = "document.sign-failed";
    public const string SignerEnrolled = "signer.enrolled";
    public const string LetterNumbered = "letter.numbered";
    /// <summary>A numbered letter's PDF was made, sealed and stored (the surat pengantar job); its number was taken earlier.</summary>
    public const string LetterIssued = "letter.issued";
    public const string LetterVoided = "letter.voided";
    public const string LetterDispatched = "letter.dispatched";
    public const string ReceiptUploaded = "letter.receipt-uploaded";
    public const string Archived = "archive.copied";
    public const string ArchiveIntegrity = "archive.integrity";
    public const string ArchiveRenewed = "archive.renewed";
    /// <summary>An archive copy destroyed by its JRA (Musnah), approved by the Camat, with its berita acara.</summary>
    public const string ArchiveDestroyed = "archive.destroyed";
    public const string AdminChange = "admin.change";
    /// <summary>An action refused to its caller; the detail says what was attempted and why (<see cref="IRefusalAudit"/>).</summary>
    public const string Refused = "access.refused";
}
