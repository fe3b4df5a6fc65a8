namespace DocSign.Core.Audit;

/// <summary>
/// Records a refused action (outcome <see cref="AuditOutcome.Refused"/>) in a unit of work of its own: it is kept
/// even though the refused change is not, and it never saves anything the refused use case had staged. Who and
/// from where come from the current request, as for <see cref="IAuditTrail"/>. Never throws: a refusal is answered
/// even when the trail cannot be written (the failure is logged).
/// <para>For throttles and wrong secrets too, e.g.
/// <c>refusals.RecordAsync(Refusal.Of("auth.sign-in", "terlalu banyak percobaan dari alamat ini", officeId: null))</c>.</para>
/// </summary>
public interface IRefusalAudit
{
    Task RecordAsync(AuditEvent refusal, CancellationToken cancellationToken = default);
}

/// <summary>Builds the audit event of a refusal.</summary>
public static class Refusal
{
    /// <summary>
    /// A refusal of <paramref name="attempted"/> (what was tried: an action code or "POST /api/..."), because of
    /// <paramref name="reason"/> (Bahasa Indonesia, never a secret), on the given office and document.
    /// </summary>
    public static AuditEvent Of(string attempted, string reason, string? officeId, Guid? documentId = null, string? objectName = null) =>
        new(AuditActions.Refused, AuditOutcome.Refused)
        {
            OfficeId = officeId,
            DocumentId = documentId,
            Detail = $"{attempted}{(objectName is null ? "" : " (" + objectName + ")")}: {reason}",
        };
}
