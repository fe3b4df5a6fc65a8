namespace DocSign.Core.Signing;

/// <summary>Bound from <c>DocSign:Signing</c> (and <c>DocSign:PublicBaseUrl</c>).</summary>
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
}
