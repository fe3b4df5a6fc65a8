namespace DocSign.Infrastructure.Security;

/// <summary>
/// <c>DocSign:DataProtection</c>: how the keys that protect sign-in tokens and cookies are encrypted before they
/// are stored in the database. The secret that encrypts them comes from configuration (an environment variable
/// or a mounted file), never from the database or the data folder, so a copy of the database alone cannot be
/// used to mint a token.
/// </summary>
public sealed class DataProtectionOptions
{
    public const string Section = "DocSign:DataProtection";

    /// <summary>A PKCS#12 (.pfx/.p12) file whose certificate encrypts the keys; its private key decrypts them.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Passphrase of <see cref="CertificatePath"/>.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Or: a 256-bit key, base64, that encrypts the keys with AES-GCM.</summary>
    public string? Key { get; set; }

    /// <summary>Whether either protection is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(Key);
}
