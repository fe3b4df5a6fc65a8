namespace DocSign.Signing;

/// <summary>
/// A signing request that cannot be carried out. <see cref="Exception.Message"/> is written for the
/// person who asked to sign (Bahasa Indonesia) and never contains a passphrase or key material;
/// <see cref="Code"/> is stable for programs and logs.
/// </summary>
public sealed class SigningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SigningException(SigningErrorCode code, string message, Exception? inner = null) : base(message, inner) => Code = code;

    /// <summary>What went wrong, for programs (the message is for people).</summary>
    public SigningErrorCode Code { get; }
}

/// <summary>Reasons a signature was refused or could not be made.</summary>
public enum SigningErrorCode
{
    /// <summary>The PKCS#12 passphrase is wrong or the key store cannot be opened.</summary>
    WrongPassphrase,
    /// <summary>The key store holds no certificate with a private key.</summary>
    NoPrivateKey,
    /// <summary>The signing time is outside the certificate's validity period.</summary>
    CertificateNotValidAtSigningTime,
    /// <summary>The signer's certificate (or a CA above it) is revoked: the signature is refused before it exists.</summary>
    CertificateRevoked,
    /// <summary>The certificate's key usage does not allow signatures (digitalSignature / nonRepudiation).</summary>
    KeyUsageNotAllowed,
    /// <summary>The input is not a PDF we can sign (unreadable, encrypted, damaged).</summary>
    UnreadablePdf,
    /// <summary>The PDF is encrypted.</summary>
    EncryptedPdf,
    /// <summary>The requested page or rectangle is not on the document.</summary>
    BadAppearanceRectangle,
    /// <summary>The signature field name is taken or invalid.</summary>
    BadFieldName,
    /// <summary>The time-stamping authority is unreachable or answered badly.</summary>
    TimestampFailed,
    /// <summary>The CMS did not fit in the space reserved for it.</summary>
    SignatureTooLarge,
    /// <summary>The external signature value does not verify with the signer's certificate.</summary>
    BadSignatureValue,
    /// <summary>A prepared (two-phase) signature does not match the file it is completed on.</summary>
    PreparedStateMismatch,
    /// <summary>The document is certified with DocMDP permission 1 (no changes allowed).</summary>
    CertifiedNoChanges,
    /// <summary>A requested level (B-LT, B-LTA) is not produced by this signer.</summary>
    UnsupportedLevel,
    /// <summary>A certification was asked for a document that is already signed, or with a permission other than 1, 2 or 3.</summary>
    CertificationNotAllowed,
}
