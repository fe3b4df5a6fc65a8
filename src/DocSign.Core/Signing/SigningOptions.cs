namespace DocSign.Core.Signing;

/// <summary>
/// Bound from <c>DocSign:Signing</c> (and <c>DocSign:PublicBaseUrl</c>), the one class of that section: the use cases read
/// the throttle, the reasons and the public address; the engine adapter reads where time-stamps come from and which
/// roots the validation data (B-LT, B-LTA) is collected up to. Its sub-sections <c>DocSign:Signing:Bsre</c> and
/// <c>DocSign:Signing:Pkcs11</c> are the providers' own classes in Infrastructure.
/// </summary>
public sealed class SigningOptions
{
    public const string Section = "DocSign:Signing";

    /// <summary>
    /// The address people reach DocSign at; the QR code on a stamp encodes <c>{PublicBaseUrl}/v/{publicId}</c>.
    /// Set <c>DocSign:PublicBaseUrl</c> in production; the default is scripts/run.sh's address.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Wrong passphrases a signer may type before each further attempt waits.</summary>
    public int FreeAttempts { get; set; } = 3;

    /// <summary>The wait after the last free attempt; it doubles with every further wrong passphrase.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passphrases older than this are forgotten.</summary>
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the public page reuses a verdict before verifying the stored file again.</summary>
    public TimeSpan VerdictCacheDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest copy a visitor may upload to compare with a signed version (anonymous, so kept small).</summary>
    public long MaxCompareBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>/Reason of the Camat's signature.</summary>
    public string SignReason { get; set; } = "Menyetujui dan menandatangani dokumen";

    /// <summary>/Reason of a paraf.</summary>
    public string ParafReason { get; set; } = "Paraf persetujuan sebelum penandatanganan";

    /// <summary>RFC 3161 time-stamping authority; without one only B-B signatures are made.</summary>
    public string? TsaUrl { get; set; }

    /// <summary>
    /// Certificate files (PEM or DER) of the roots the signer's and TSA's chains must reach for B-LT/B-LTA; with none
    /// configured and <c>DocSign:SamplePkiDirectory</c> set (the demo), the sample root. Trust is configuration, never
    /// taken from the signer's file.
    /// </summary>
    public List<string> TrustAnchors { get; set; } = [];

    /// <summary>How long one TSA, OCSP or CRL request may take.</summary>
    public TimeSpan OnlineTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
