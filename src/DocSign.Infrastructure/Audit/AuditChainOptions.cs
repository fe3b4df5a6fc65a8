namespace DocSign.Infrastructure.Audit;

/// <summary>
/// <c>DocSign:Audit</c>: the key that keys the audit chain's links, and how often its head is anchored outside the
/// database. The key never goes into the database: whoever can write the database but not read this key cannot
/// recompute the links of an edited history.
/// </summary>
public sealed class AuditChainOptions
{
    public const string Section = "DocSign:Audit";

    /// <summary>The chain key: 32 bytes in base64 (from a secret or an environment variable). Every instance of one
    /// database must use the same key; a cluster sets this (or <see cref="ChainKeyFile"/> on a shared secret mount).</summary>
    public string? ChainKey { get; set; }

    /// <summary>Or: a file holding the key (base64). Without either, <c>&lt;DataDirectory&gt;/keys/audit-chain.key</c>,
    /// made on first start with permissions 0600 in a 0700 folder.</summary>
    public string? ChainKeyFile { get; set; }

    /// <summary>How often the anchor job timestamps the chain's head and exports it to the archive store.</summary>
    public TimeSpan AnchorInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>RFC 3161 TSA for the anchors; without it the signing engine's (<c>DocSign:Signing:TsaUrl</c>), then the letters' TSA.</summary>
    public string? TsaUrl { get; set; }
}
