namespace DocSign.Infrastructure.Audit;

/// <summary>
/// <c>DocSign:Audit:Seal</c>: the office e-seals that sign audit extracts: <c>Directory</c>/seal-&lt;office&gt;.p12 with
/// <c>Passphrase</c> (from a secret or environment variable). The demo uses the sample PKI's seals.
/// </summary>
public sealed class AuditSealOptions
{
    public const string Section = "DocSign:Audit:Seal";
    public string? Directory { get; set; }
    public string? Passphrase { get; set; }
}
