namespace DocSign.Infrastructure.Verification;

/// <summary>
/// <c>DocSign:Verification</c>: which roots the service trusts when auditors verify a file.
/// Trust is configuration, never taken from the uploaded file itself. The section's one class; it keeps the name
/// "Settings" because <c>DocSign.Validation.VerificationOptions</c> is the engine's per-call options, which
/// <see cref="VerificationProfile"/> builds from it.
/// </summary>
public sealed class VerificationSettings
{
    public const string Section = "DocSign:Verification";

    /// <summary>PEM or DER certificate files of the trust anchors (for example the BSrE root).</summary>
    public List<string> TrustAnchors { get; set; } = [];

    /// <summary>
    /// Trust the repository's sample root (<c>DocSign:SamplePkiDirectory</c>/root-ca.pem) too, and allow calls to
    /// its OCSP/CRL/TSA services on loopback. For the demo and tests only: its private keys are public, so the
    /// service refuses to start in Production with it, and every report made under it says so.
    /// </summary>
    public bool TrustSamplePki { get; set; }

    /// <summary>Ask OCSP responders and CRL servers named by trusted certificates when embedded data is missing.</summary>
    public bool AllowOnlineRevocation { get; set; } = true;

    /// <summary>How long one OCSP/CRL request may take before the signature is reported TRY_LATER.</summary>
    public TimeSpan OnlineTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound for one verification, so a hostile upload cannot hold a worker.</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(60);
}
