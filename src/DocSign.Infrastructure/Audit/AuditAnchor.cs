using System.Globalization;

namespace DocSign.Infrastructure.Audit;

/// <summary>
/// The chain's head at one moment, fixed outside the database: keyed with the chain key (<see cref="Mac"/>),
/// timestamped by the office's RFC 3161 TSA (<see cref="TimestampToken"/>, a third party's proof of when the chain
/// had this head) and exported to the archive object store (<see cref="ExportKey"/>, write-once, never deleted).
/// Deleting the chain's last entries, or rewriting any entry up to <see cref="Sequence"/>, no longer matches it.
/// </summary>
public sealed class AuditAnchor
{
    public Guid Id { get; set; }
    /// <summary>When the anchor was made (the service's clock).</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>The last entry of the chain when anchored.</summary>
    public long Sequence { get; set; }
    /// <summary>That entry's link.</summary>
    public string Hash { get; set; } = "";
    /// <summary>The chain's switch point to keyed links, as it was then.</summary>
    public long KeyedFrom { get; set; }
    /// <summary>The chain key's MAC over <see cref="Statement"/>.</summary>
    public string Mac { get; set; } = "";
    /// <summary>RFC 3161 TimeStampToken (DER) over SHA-256 of <see cref="Statement"/>; null when no TSA was configured.</summary>
    public byte[]? TimestampToken { get; set; }
    /// <summary>The token's genTime.</summary>
    public DateTimeOffset? TimestampAt { get; set; }
    /// <summary>Where the signed head was exported in the object store.</summary>
    public string? ExportKey { get; set; }

    /// <summary>What the anchor states, as the MAC and the timestamp cover it.</summary>
    public static string Statement(long sequence, string hash, long keyedFrom) =>
        string.Create(CultureInfo.InvariantCulture, $"docsign-audit-anchor/v1|{sequence}|{hash}|{keyedFrom}");

    public string Statement() => Statement(Sequence, Hash, KeyedFrom);
}
