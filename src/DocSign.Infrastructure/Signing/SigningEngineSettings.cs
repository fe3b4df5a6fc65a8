namespace DocSign.Infrastructure.Signing;

/// <summary>
/// <c>DocSign:Signing</c> as the engine adapter reads it: where time-stamps come from and which roots the
/// validation data (B-LT, B-LTA) is collected up to. Trust is configuration, never taken from the signer's file.
/// </summary>
public sealed class SigningEngineSettings
{
    public const string Section = "DocSign:Signing";

    /// <summary>RFC 3161 time-stamping authority; without one only B-B signatures are made.</summary>
    public string? TsaUrl { get; set; }

    /// <summary>
    /// Certificate files (PEM or DER) of the roots the signer's and TSA's chains must reach for B-LT/B-LTA; with none
    /// configured and <c>DocSign:SamplePkiDirectory</c> set (the demo), the sample root.
    /// </summary>
    public List<string> TrustAnchors { get; set; } = [];

    /// <summary>How long one TSA, OCSP or CRL request may take.</summary>
    public TimeSpan OnlineTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
