using DocSign.Core.Signing;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using DocSign.Infrastructure.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Audit;

/// <summary>The outcome of re-checking the audit chain.</summary>
/// <param name="Intact">Every entry is in place, unchanged, and linked to the one before, and every anchor matches.</param>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="FirstBrokenSequence">The sequence number of the first broken link (null when intact, or when only an anchor is wrong).</param>
/// <param name="Problem">What is wrong there, in Bahasa Indonesia (null when intact).</param>
/// <param name="Anchor">The anchor concerned: the one that disagrees (broken), or the latest one that held (intact); null when none.</param>
public sealed record AuditChainReport(bool Intact, long Entries, long? FirstBrokenSequence, string? Problem, string? Anchor = null);

/// <summary>
/// Re-checks the whole audit chain from the first entry: numbering without gaps (a deleted row leaves one), each
/// link over its entry's fields and the previous link — SHA-256 before the switch point, HMAC under the chain key
/// from it on, so an edited history that was fully re-linked without the key still fails — the switch point's own
/// MAC, the chain head, and the anchors: each anchor's MAC and RFC 3161 timestamp, the entry it names still
/// carrying the link it recorded, and the chain reaching at least as far as the latest anchor (in the database and
/// exported to the archive store), so cutting entries off the end is found even when the head was moved back too.
/// </summary>
public sealed class AuditChainVerifier(DocSignDbContext db, AuditChainKey key, IObjectStore store, IOptions<SigningOptions> signing)
{
    private const int Batch = 2000;

    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var head = await db.Set<AuditChainHead>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        if (head is null)
            return Broken(0, null, "baris kepala rantai audit tidak ada");
        var anchors = await db.Set<AuditAnchor>().AsNoTracking().ToListAsync(cancellationToken);
        // Unsealed is the state of a database that has no keyed link yet (sealed at start-up or by the first keyed append).
        var unsealedYet = head.KeyedFromMac is null && head.Sequence < head.KeyedFrom && anchors.Count == 0;
        if (!unsealedYet && !key.Verify(AuditChainKey.SwitchStatement(head.KeyedFrom), head.KeyedFromMac))
            return Broken(0, head.KeyedFrom, $"titik peralihan ke rantai berkunci (mulai entri nomor {head.KeyedFrom}) telah diubah, atau kunci rantai audit bukan kunci yang menulisnya");

        anchors = anchors.OrderBy(a => a.Sequence).ThenBy(a => a.At).ToList();
        var (export, exportKey) = await LatestExportAsync(cancellationToken);
        if (export is not null)
            anchors.Add(export);
        else if (exportKey is not null)
            return Broken(0, null, $"jangkar yang diekspor ke arsip ({exportKey}) tidak dapat dibaca", exportKey);
        var trust = TrustAnchors();
        foreach (var a in anchors)
        {
            if (!key.Verify(a.Statement(), a.Mac))
                return Broken(0, null, $"{Describe(a)} telah diubah (MAC tidak cocok)", Describe(a));
            if (a.KeyedFrom != head.KeyedFrom)
                return Broken(0, head.KeyedFrom, $"titik peralihan ke rantai berkunci (entri nomor {head.KeyedFrom}) tidak sama dengan yang dicatat {Describe(a)} (nomor {a.KeyedFrom})", Describe(a));
            if (AnchorTimestamps.Problem(a, trust) is { } problem)
                return Broken(0, null, $"{Describe(a)}: {problem}", Describe(a));
        }
        var anchorsAt = anchors.ToLookup(a => a.Sequence);

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
                var link = e.Sequence >= head.KeyedFrom ? EfAuditTrail.KeyedHashOf(e, key) : EfAuditTrail.HashOf(e);
                if (!string.Equals(link, e.Hash, StringComparison.Ordinal))
                    return Broken(count, e.Sequence, e.Sequence >= head.KeyedFrom
                        ? $"isi entri nomor {e.Sequence} telah diubah (tautan berkunci tidak cocok; riwayat ditulis ulang)"
                        : $"isi entri nomor {e.Sequence} telah diubah (hash tidak cocok)");
                foreach (var a in anchorsAt[e.Sequence])
                    if (!string.Equals(a.Hash, e.Hash, StringComparison.Ordinal))
                        return Broken(count, e.Sequence, $"entri nomor {e.Sequence} tidak sama dengan yang dicatat {Describe(a)}: riwayat sampai nomor itu telah ditulis ulang", Describe(a));
                previousHash = e.Hash;
                expected++;
                count++;
            }
        }
        if (anchors.Count > 0 && anchors.MaxBy(a => a.Sequence) is { } furthest && furthest.Sequence > count)
            return Broken(count, count + 1, $"entri nomor {count + 1} sampai {furthest.Sequence} tidak ada (terpotong dari akhir rantai): {Describe(furthest)} mencatat rantai sampai nomor {furthest.Sequence}", Describe(furthest));
        if (head.Sequence != count)
            return Broken(count, count + 1, head.Sequence > count
                ? $"entri nomor {count + 1} sampai {head.Sequence} tidak ada (terhapus dari akhir rantai)"
                : $"kepala rantai menunjuk ke nomor {head.Sequence}, padahal rantai berisi {count} entri");
        if (!string.Equals(head.Hash, previousHash, StringComparison.Ordinal))
            return Broken(count, count, $"entri terakhir (nomor {count}) tidak sama dengan yang dicatat kepala rantai");
        return new AuditChainReport(true, count, null, null, anchors.MaxBy(a => (a.Sequence, a.At)) is { } latest ? Describe(latest) : null);
    }

    /// <summary>The newest exported anchor in the archive store (its key sorts by sequence), or its key when it cannot be read.</summary>
    private async Task<(AuditAnchor? Anchor, string? Key)> LatestExportAsync(CancellationToken cancellationToken)
    {
        string? newest = null;
        await foreach (var o in store.ListAsync(AuditAnchoring.ExportPrefix, cancellationToken))
            if (newest is null || string.CompareOrdinal(o.Key, newest) > 0) newest = o.Key;
        if (newest is null) return (null, null);
        try
        {
            await using var stream = await store.OpenReadAsync(newest, cancellationToken);
            var exported = await JsonSerializer.DeserializeAsync<ExportedAnchor>(stream, cancellationToken: cancellationToken);
            if (exported is null || exported.Format != ExportedAnchor.FormatName) return (null, newest);
            var anchor = exported.ToAnchor();
            anchor.ExportKey = newest;
            return (anchor, newest);
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            return (null, newest);
        }
    }

    private X509Certificate2Collection TrustAnchors()
    {
        var anchors = new X509Certificate2Collection();
        foreach (var path in signing.Value.TrustAnchors.Where(File.Exists)) anchors.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        return anchors;
    }

    private static string Describe(AuditAnchor a) =>
        string.Create(CultureInfo.InvariantCulture, $"jangkar {a.Id:N} ({(a.ExportKey is { } k ? "diekspor ke " + k + ", " : "")}dibuat {a.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, sampai entri nomor {a.Sequence})");

    private static AuditChainReport Broken(long count, long? sequence, string problem, string? anchor = null) => new(false, count, sequence, problem, anchor);
}
