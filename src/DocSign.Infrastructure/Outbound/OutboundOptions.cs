namespace DocSign.Infrastructure.Outbound;

/// <summary>
/// <c>DocSign:Outbound</c>: the one policy for every call DocSign makes to addresses it did not choose itself
/// (OCSP responders, CRL and CA-issuer servers named in certificates, time-stamping authorities).
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "DocSign:Outbound";

    /// <summary>
    /// Addresses that may be reached although they are loopback, private or link-local: <c>IP</c>, <c>IP:PORT</c>,
    /// <c>IP:FIRST-LAST</c> or <c>CIDR</c> (e.g. <c>127.0.0.1:18780-18782</c>, <c>10.20.0.0/16</c>). Public
    /// addresses need no entry.
    /// </summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>Time to open a connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time for a whole call, answer included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Largest answer accepted, in bytes (CRLs are the largest expected).</summary>
    public long MaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Longest a fetched CRL is reused for the same address (also never past its nextUpdate); zero turns the cache
    /// off. A CA that revokes a certificate is seen within this time even when its CRLs run for days.
    /// </summary>
    public TimeSpan CrlCacheMaxAge { get; set; } = TimeSpan.FromHours(1);
}
