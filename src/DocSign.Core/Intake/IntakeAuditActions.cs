namespace DocSign.Core.Intake;

/// <summary>Audit action words of the intake side: orders, incoming letters, disposisi and the hand-off package.</summary>
public static class IntakeAuditActions
{
    public const string AttachmentDownloaded = "document.attachment-downloaded";
    public const string IncomingRegistered = "incoming.registered";
    public const string IncomingScanDownloaded = "incoming.scan-downloaded";
    public const string Disposisi = "incoming.disposisi";
    public const string IncomingStartedSop = "incoming.started-sop";
    public const string HandOffDownloaded = "document.handoff-downloaded";
}
