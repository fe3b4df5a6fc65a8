namespace DocSign.Core.Audit;

/// <summary>
/// The append-only audit trail. <see cref="Record"/> stages the event in the current unit of work, so that it is
/// written in the same transaction as the change it records (the caller's save commits both, or neither);
/// <see cref="RecordNowAsync"/> is for events that change nothing else (a download, a verification, a failed
/// sign-in) and saves at once.
/// </summary>
public interface IAuditTrail
{
    void Record(AuditEvent auditEvent);

    Task RecordNowAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}
