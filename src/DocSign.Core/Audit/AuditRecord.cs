namespace DocSign.Core.Audit;

/// <summary>One stored event of the audit trail as its readers (auditors, the admin) see it.</summary>
public sealed record AuditRecord(
    long Sequence, DateTimeOffset At, string Action, string Outcome, string? OfficeId, string? ActorUserId, string? ActorName,
    string? ClientAddress, Guid? DocumentId, int? VersionNumber, string? Sha256, string? Detail, string PreviousHash, string Hash);

/// <summary>
/// Which events of one office to read: those at or after <see cref="From"/> and before <see cref="Until"/> (either
/// open), in sequence order or newest first, at most <see cref="Limit"/>, after the cursor <see cref="After"/> (the
/// last sequence of the previous page) when paging.
/// </summary>
public sealed record AuditQuery(string OfficeId, DateTimeOffset? From, DateTimeOffset? Until, bool NewestFirst, int Limit, long? After = null);

/// <summary>Reads the stored trail (the write side is <see cref="IAuditTrail"/>).</summary>
public interface IAuditTrailReader
{
    Task<IReadOnlyList<AuditRecord>> ReadAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A PDF extract of an office's events, signed with the office's e-seal.</summary>
public interface IAuditExtract
{
    bool HasSeal(string officeId);

    Task WriteAsync(string officeId, IReadOnlyList<AuditRecord> events, DateTimeOffset? from, DateTimeOffset? to, Stream output,
        CancellationToken cancellationToken = default);
}

/// <summary>The outcome of re-checking the whole audit chain.</summary>
/// <param name="Intact">Every entry is in place, unchanged, and linked to the one before.</param>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="FirstBrokenSequence">The first broken link (null when intact).</param>
/// <param name="Problem">What is wrong there, in Bahasa Indonesia (null when intact).</param>
/// <param name="Anchor">The anchor concerned: the one that disagrees (broken), or the latest one that held (intact); null when none.</param>
public sealed record AuditChainCheck(bool Intact, long Entries, long? FirstBrokenSequence, string? Problem, string? Anchor = null);

/// <summary>Re-checks the hash chain of the stored trail.</summary>
public interface IAuditChain
{
    Task<AuditChainCheck> VerifyAsync(CancellationToken cancellationToken = default);
}
