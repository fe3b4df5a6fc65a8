using DocSign.Core.Signing;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using DocSign.Core.Archive;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using DocSign.Infrastructure.Signing;
using DocSign.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Audit;

/// <summary>
/// Anchors the audit chain outside the database: the chain's last link is MAC'd with the chain key, timestamped by
/// the TSA (RFC 3161, over SHA-256 of the anchor's statement), kept in <c>AuditAnchors</c> beside the chain and
/// exported as a small JSON file (the signed head) to the archive object store, where keys are write-once and the
/// retention guard refuses deleting it. Run by <see cref="Jobs.AuditAnchorJob"/> at <see cref="AuditChainOptions.AnchorInterval"/>.
/// </summary>
public sealed class AuditAnchoring(
    DocSignDbContext db, AuditChainKey key, IObjectStore store, ITimestampClient tsa, IOptions<AuditChainOptions> options,
    IOptions<SigningOptions> signing, IOptions<LetterSigningOptions> letters, TimeProvider clock, ILogger<AuditAnchoring> logger)
{
    /// <summary>Where exported heads live: under the archive prefix, so the store refuses to delete them.</summary>
    public const string ExportPrefix = ArchiveKeys.Prefix + "audit-anchors/";

    /// <summary>Anchors the chain's current last entry; null when the chain is empty or that entry is anchored already.</summary>
    public async Task<AuditAnchor?> AnchorAsync(CancellationToken cancellationToken = default)
    {
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (last is null) return null;
        var latest = await db.Set<AuditAnchor>().AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.Sequence >= last.Sequence) return null;
        var head = await db.Set<AuditChainHead>().AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);

        var anchor = new AuditAnchor
        {
            Id = Guid.NewGuid(),
            At = clock.GetUtcNow(),
            Sequence = last.Sequence,
            Hash = last.Hash,
            KeyedFrom = head.KeyedFrom,
        };
        anchor.Mac = key.Mac(anchor.Statement());
        if (TsaUrl() is { } url)
        {
            // No TSA answer, no anchor: the job retries later (the MAC alone is not a third party's proof of time).
            var token = await tsa.GetTokenAsync(url, SHA256.HashData(Encoding.UTF8.GetBytes(anchor.Statement())), HashAlgorithmName.SHA256, cancellationToken);
            anchor.TimestampToken = token.Token;
            anchor.TimestampAt = token.Time;
        }
        anchor.ExportKey = string.Create(CultureInfo.InvariantCulture, $"{ExportPrefix}{anchor.Sequence:D12}-{anchor.Id:N}.json");
        await using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(ExportedAnchor.From(anchor))))
            await store.PutAsync(anchor.ExportKey, json, cancellationToken);
        db.Set<AuditAnchor>().Add(anchor);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Audit chain anchored at entry {Sequence} ({Timestamp}), exported to {Key}", anchor.Sequence,
            anchor.TimestampAt is { } t ? "timestamped " + t.ToString("O", CultureInfo.InvariantCulture) : "no TSA configured, not timestamped", anchor.ExportKey);
        return anchor;
    }

    private Uri? TsaUrl()
    {
        foreach (var candidate in new[] { options.Value.TsaUrl, signing.Value.TsaUrl, letters.Value.TsaUrl })
            if (!string.IsNullOrWhiteSpace(candidate) && Uri.TryCreate(candidate, UriKind.Absolute, out var url)) return url;
        return null;
    }
}

/// <summary>The signed head as exported to the object store (and read back by the verifier).</summary>
public sealed record ExportedAnchor(string Format, Guid Id, DateTimeOffset At, long Sequence, string Hash, long KeyedFrom, string Mac,
    string? Timestamp, DateTimeOffset? TimestampAt)
{
    public const string FormatName = "docsign-audit-anchor/v1";

    public static ExportedAnchor From(AuditAnchor a) => new(FormatName, a.Id, a.At, a.Sequence, a.Hash, a.KeyedFrom, a.Mac,
        a.TimestampToken is null ? null : Convert.ToBase64String(a.TimestampToken), a.TimestampAt);

    public AuditAnchor ToAnchor() => new()
    {
        Id = Id, At = At, Sequence = Sequence, Hash = Hash, KeyedFrom = KeyedFrom, Mac = Mac,
        TimestampToken = Timestamp is null ? null : Convert.FromBase64String(Timestamp), TimestampAt = TimestampAt,
    };
}

/// <summary>Checks an anchor's RFC 3161 token: over this anchor's statement, signed by a TSA that chains to a configured anchor.</summary>
public static class AnchorTimestamps
{
    /// <summary>Null when the token holds; otherwise why not (Bahasa Indonesia).</summary>
    public static string? Problem(AuditAnchor anchor, X509Certificate2Collection trustAnchors)
    {
        if (anchor.TimestampToken is null) return null;
        if (!Rfc3161TimestampToken.TryDecode(anchor.TimestampToken, out var token, out _))
            return "stempel waktunya tidak dapat dibaca";
        var imprint = SHA256.HashData(Encoding.UTF8.GetBytes(anchor.Statement()));
        if (!token.VerifySignatureForHash(imprint, HashAlgorithmName.SHA256, out var tsaCertificate, extraCandidates: null) || tsaCertificate is null)
            return "stempel waktunya tidak cocok dengan isi jangkar atau tanda tangan TSA-nya tidak sah";
        if (anchor.TimestampAt is { } at && Math.Abs((token.TokenInfo.Timestamp - at).TotalSeconds) >= 1)
            return "waktu yang dicatat tidak sama dengan waktu pada stempel waktunya";
        if (trustAnchors.Count == 0) return null;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustAnchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = token.TokenInfo.Timestamp.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.8"));
        if (token.AsSignedCms().Certificates is { } carried) chain.ChainPolicy.ExtraStore.AddRange(carried);
        return chain.Build(tsaCertificate) ? null : "sertifikat TSA pada stempel waktunya tidak berantai ke akar tepercaya";
    }
}
