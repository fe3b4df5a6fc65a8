using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Audit;

/// <summary>The outcome of re-checking the audit chain.</summary>
/// <param name="Intact">Every entry is in place, unchanged, and linked to the one before.</param>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="FirstBrokenSequence">The sequence number of the first broken link (null when intact).</param>
/// <param name="Problem">What is wrong there, in Bahasa Indonesia (null when intact).</param>
public sealed record AuditChainReport(bool Intact, long Entries, long? FirstBrokenSequence, string? Problem);

/// <summary>
/// Re-checks the whole audit chain from the first entry: numbering without gaps (a deleted row leaves one),
/// each entry's hash over its own fields (an edited row no longer matches), each link to the previous hash, and
/// the chain head (a deleted last row leaves the head pointing past the end).
/// </summary>
public sealed class AuditChainVerifier(DocSignDbContext db)
{
    private const int Batch = 2000;

    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        long expected = 1;
        var previousHash = EfAuditTrail.GenesisHash;
        long count = 0;
        while (true)
        {
            var from = expected;
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0) break;
            foreach (var e in batch)
            {
                if (e.Sequence != expected)
                    return Broken(count, expected, $"entri nomor {expected} tidak ada (terhapus): setelah nomor {expected - 1} langsung nomor {e.Sequence}");
                if (!string.Equals(e.PreviousHash, previousHash, StringComparison.Ordinal))
                    return Broken(count, e.Sequence, $"entri nomor {e.Sequence} tidak menunjuk ke hash entri sebelumnya");
                if (!string.Equals(EfAuditTrail.HashOf(e), e.Hash, StringComparison.Ordinal))
                    return Broken(count, e.Sequence, $"isi entri nomor {e.Sequence} telah diubah (hash tidak cocok)");
                previousHash = e.Hash;
                expected++;
                count++;
            }
        }
        var head = await db.Set<AuditChainHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        if (head is null)
            return Broken(count, null, "baris kepala rantai audit tidak ada");
        if (head.Sequence != count)
            return Broken(count, count + 1, head.Sequence > count
                ? $"entri nomor {count + 1} sampai {head.Sequence} tidak ada (terhapus dari akhir rantai)"
                : $"kepala rantai menunjuk ke nomor {head.Sequence}, padahal rantai berisi {count} entri");
        if (!string.Equals(head.Hash, previousHash, StringComparison.Ordinal))
            return Broken(count, count, $"entri terakhir (nomor {count}) tidak sama dengan yang dicatat kepala rantai");
        return new AuditChainReport(true, count, null, null);
    }

    private static AuditChainReport Broken(long count, long? sequence, string problem) => new(false, count, sequence, problem);
}
