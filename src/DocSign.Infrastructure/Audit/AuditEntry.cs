namespace DocSign.Infrastructure.Audit;

/// <summary>A stored audit event: one row of the append-only, hash-chained trail (never updated, never deleted).</summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, from 1, without gaps.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public string Action { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string? OfficeId { get; set; }
    public string? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public string? ClientAddress { get; set; }
    public Guid? DocumentId { get; set; }
    public int? VersionNumber { get; set; }
    public string? Sha256 { get; set; }
    public string? Detail { get; set; }
    /// <summary>Hex SHA-256 of the previous entry (64 zeros for the first).</summary>
    public string PreviousHash { get; set; } = "";
    /// <summary>Hex SHA-256 over this entry's fields and <see cref="PreviousHash"/>.</summary>
    public string Hash { get; set; } = "";
}
