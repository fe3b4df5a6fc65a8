using System.Security.Cryptography;
using System.Text;
using DocSign.Core.Audit;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Audit;

/// <summary>
/// The audit trail in the application database: events are staged in the scoped <see cref="DocSignDbContext"/>
/// and saved with the caller's change. Each entry's hash covers its fields and the previous entry's hash. The
/// staged entries get their place in the chain only when they are saved (<see cref="AuditChainInterceptor"/>,
/// under a lock on the chain head), so concurrent requests and instances never fork the chain or leave a gap.
/// </summary>
public sealed class EfAuditTrail(DocSignDbContext db, IAuditRequestContext request, TimeProvider clock) : IAuditTrail
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public void Record(AuditEvent auditEvent) => Stage(db, NewEntry(auditEvent, AuditRequestSnapshot.Of(request), clock.GetUtcNow()));

    /// <summary>
    /// The entry for <paramref name="auditEvent"/> done by <paramref name="who"/> at <paramref name="now"/>, not yet
    /// in the chain. Used where the unit of work that saves it is not the caller's own (the register numbers queued
    /// requests of several callers in one transaction), so who acted is taken from the caller beforehand.
    /// </summary>
    public static AuditEntry NewEntry(AuditEvent auditEvent, AuditRequestSnapshot who, DateTimeOffset now) => new()
    {
        // Microseconds: what PostgreSQL keeps of a timestamp, so the hash computed now matches the row read back.
        At = TruncateToMicroseconds(now),
        Action = auditEvent.Action,
        Outcome = auditEvent.Outcome,
        OfficeId = auditEvent.OfficeId,
        ActorUserId = auditEvent.ActorUserId ?? who.UserId,
        ActorName = Clip(auditEvent.ActorName ?? who.UserName, 256),
        ClientAddress = Clip(who.ClientAddress, 64),
        DocumentId = auditEvent.DocumentId,
        VersionNumber = auditEvent.VersionNumber,
        Sha256 = auditEvent.Sha256,
        Detail = Clip(auditEvent.Detail, 1000),
    };

    /// <summary>
    /// Stages <paramref name="entry"/> in <paramref name="db"/>'s unit of work under a provisional, negative key that
    /// orders the staged entries; <see cref="AuditChainInterceptor"/> replaces it with the chain's next sequence
    /// numbers when the unit of work is saved.
    /// </summary>
    public static void Stage(DocSignDbContext db, AuditEntry entry)
    {
        entry.Sequence = AuditChainInterceptor.NextProvisionalSequence(db);
        db.AuditEntries.Add(entry);
    }

    public async Task RecordNowAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        Record(auditEvent);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    private static string? Clip(string? value, int max) => value is { Length: var n } && n > max ? value[..max] : value;

    /// <summary>
    /// The unkeyed link of an entry: SHA-256 over its fields and the previous link. Entries written before the chain
    /// was keyed (sequence below <see cref="AuditChainHead.KeyedFrom"/>) keep it; anyone could recompute it.
    /// </summary>
    public static string HashOf(AuditEntry e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>The keyed link of an entry: HMAC-SHA256 under the chain key over the same text (never recomputable without the key).</summary>
    public static string KeyedHashOf(AuditEntry e, AuditChainKey key) => key.Mac("docsign-audit-entry/v2|" + Canonical(e));

    /// <summary>An entry's fields (in a fixed order, length-prefixed) and the previous link, as the link is computed over them.</summary>
    private static string Canonical(AuditEntry e)
    {
        var sb = new StringBuilder();
        void Add(string? v) { v ??= "\u0000"; sb.Append(v.Length).Append(':').Append(v).Append('|'); }
        Add(e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(e.At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(e.Action); Add(e.Outcome); Add(e.OfficeId); Add(e.ActorUserId); Add(e.ActorName); Add(e.ClientAddress);
        Add(e.DocumentId?.ToString("D")); Add(e.VersionNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(e.Sha256); Add(e.Detail); Add(e.PreviousHash);
        return sb.ToString();
    }
}
