using DocSign.Core.Audit;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Audit;

/// <summary>
/// Reads one page of an office's trail. The rows stream in sequence order and stop at the page's end, so a page
/// never loads the office's whole trail. The date bounds are checked as the rows pass: SQLite cannot compare
/// DateTimeOffset columns, and one rule for both providers keeps their answers the same.
/// </summary>
public sealed class EfAuditTrailReader(DocSignDbContext db) : IAuditTrailReader
{
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var rows = db.AuditEntries.AsNoTracking().Where(e => e.OfficeId == query.OfficeId);
        if (query.After is { } after) rows = query.NewestFirst ? rows.Where(e => e.Sequence < after) : rows.Where(e => e.Sequence > after);
        rows = query.NewestFirst ? rows.OrderByDescending(e => e.Sequence) : rows.OrderBy(e => e.Sequence);
        var page = new List<AuditRecord>();
        await foreach (var e in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (query.From is { } from && e.At < from) continue;
            if (query.Until is { } until && e.At >= until) continue;
            page.Add(ToRecord(e));
            if (page.Count >= query.Limit) break;
        }
        return page;
    }

    internal static AuditRecord ToRecord(AuditEntry e) => new(e.Sequence, e.At, e.Action, e.Outcome, e.OfficeId, e.ActorUserId, e.ActorName,
        e.ClientAddress, e.DocumentId, e.VersionNumber, e.Sha256, e.Detail, e.PreviousHash, e.Hash);

    internal static AuditEntry ToEntry(AuditRecord r) => new()
    {
        Sequence = r.Sequence, At = r.At, Action = r.Action, Outcome = r.Outcome, OfficeId = r.OfficeId, ActorUserId = r.ActorUserId,
        ActorName = r.ActorName, ClientAddress = r.ClientAddress, DocumentId = r.DocumentId, VersionNumber = r.VersionNumber,
        Sha256 = r.Sha256, Detail = r.Detail, PreviousHash = r.PreviousHash, Hash = r.Hash,
    };
}

/// <summary>The sealed PDF extract and the chain check behind Core's audit ports.</summary>
public sealed class AuditPortAdapters(AuditExtractPdf extract, AuditChainVerifier verifier, Core.Calendar.OfficeTimes times) : IAuditExtract, IAuditChain
{
    public bool HasSeal(string officeId) => extract.HasSeal(officeId);

    public async Task WriteAsync(string officeId, IReadOnlyList<AuditRecord> events, DateTimeOffset? from, DateTimeOffset? to, Stream output,
        CancellationToken cancellationToken = default) =>
        await extract.WriteAsync(officeId, events.Select(EfAuditTrailReader.ToEntry).ToList(), from, to, output, cancellationToken,
            await times.ForOfficeAsync(officeId, cancellationToken));

    public async Task<AuditChainCheck> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var report = await verifier.VerifyAsync(cancellationToken);
        return new AuditChainCheck(report.Intact, report.Entries, report.FirstBrokenSequence, report.Problem, report.Anchor);
    }
}
