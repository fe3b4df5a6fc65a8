namespace DocSign.Core.Signing;

/// <summary>
/// Port to the PAdES engine (implemented in infrastructure on DocSign.Signing and DocSign.Validation): reads an
/// enrolled key's certificate and signs a PDF with it. Core never sees the engine's types.
/// </summary>
public interface ISignatureService
{
    /// <summary>True when a time-stamping authority is configured, so B-T, B-LT and B-LTA can be made.</summary>
    bool TimestampingAvailable { get; }

    /// <summary>
    /// Opens the PKCS#12 with the passphrase only to read its signer certificate; the key is discarded at once.
    /// </summary>
    /// <exception cref="SignatureServiceException">Wrong passphrase, no usable key, not a PKCS#12.</exception>
    SignerCertificate ReadCertificate(ReadOnlySpan<byte> pkcs12, string passphrase);

    /// <summary>Where the stamp goes when the signer does not choose: a box near the bottom right of the last page.</summary>
    /// <exception cref="SignatureServiceException">The PDF cannot be read.</exception>
    DocumentLayout Layout(Stream pdf);

    /// <summary>
    /// Signs <paramref name="pdf"/> (seekable) into <paramref name="output"/> (empty, read/write/seek) as one or more
    /// incremental updates. On failure the output holds nothing usable and nothing else has happened.
    /// </summary>
    /// <exception cref="SignatureServiceException">Refused or failed; <see cref="SignatureServiceException.Failure"/> says why.</exception>
    Task<SignatureOutcome> SignAsync(Stream pdf, Stream output, SignatureRequest request, SignerKey key, CancellationToken cancellationToken = default);
}

/// <summary>
/// Who signs: the enrolled PKCS#12 and the passphrase the signer typed for this one signature. Lives for one
/// request; never logged (its text form hides both).
/// </summary>
public sealed class SignerKey(ReadOnlyMemory<byte> pkcs12, string passphrase)
{
    public ReadOnlyMemory<byte> Pkcs12 { get; } = pkcs12;
    public string Passphrase { get; } = passphrase;
    public override string ToString() => "SignerKey(hidden)";
}

/// <summary>What a signer certificate says, read from an enrolled PKCS#12.</summary>
/// <param name="Subject">The subject as an RFC 4514-like string.</param>
/// <param name="Issuer">The issuer's full name.</param>
/// <param name="IssuerName">The issuer's common name (else organisation): what a stamp's footer names.</param>
/// <param name="SerialNumber">Upper-case hex.</param>
/// <param name="Name">The signer's name (the CN up to " / NIP", BSrE style).</param>
/// <param name="Nip">18-digit NIP from the subject serialNumber ("NIP:...") or the CN, when present.</param>
/// <param name="Title">The subject's title (jabatan), when present.</param>
/// <param name="Unit">The subject's OU (office), when present.</param>
/// <param name="CanSign">Key usage allows digitalSignature or nonRepudiation.</param>
/// <param name="ChainsToTrustAnchor">The certificate chains (validity dates aside) to one of the service's configured signing trust anchors.</param>
public sealed record SignerCertificate(
    string Subject, string Issuer, string IssuerName, string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter,
    string Name, string? Nip, string? Title, string? Unit, bool CanSign, bool ChainsToTrustAnchor = false);

/// <summary>Page count and the default stamp box of a document (clear of <see cref="Stamps"/>).</summary>
public sealed record DocumentLayout(int PageCount, double LastPageWidth, double LastPageHeight, StampPlacement DefaultBox)
{
    /// <summary>Each page's size in points (unrotated, as stamp boxes are given), page 1 first.</summary>
    public IReadOnlyList<PageSize> Pages { get; init; } = [];

    /// <summary>The signature and paraf stamps already on the pages (their widgets' areas), which a new stamp must not cover.</summary>
    public IReadOnlyList<StampPlacement> Stamps { get; init; } = [];
}

/// <summary>A page's width and height in points.</summary>
public sealed record PageSize(double Width, double Height);

/// <summary>One line of the stamp's text block.</summary>
public sealed record StampLine(string Text, bool Bold = false);

/// <summary>What to sign and how; free of secrets.</summary>
public sealed record SignatureRequest
{
    public required SignatureLevel Level { get; init; }

    /// <summary>The visible stamp's box; null makes an invisible signature.</summary>
    public StampPlacement? Box { get; init; }
    public IReadOnlyList<StampLine> Lines { get; init; } = [];

    /// <summary>The small line across the bottom of the stamp (the certificate issuer).</summary>
    public string? Footer { get; init; }

    /// <summary>What the QR code encodes: the public verification page of the signed version.</summary>
    public Uri? QrUrl { get; init; }
    public string? Reason { get; init; }
    public string? Location { get; init; }
    public string? SignerName { get; init; }

    /// <summary>The claimed signing time (/M).</summary>
    public required DateTimeOffset SigningTime { get; init; }
}

/// <summary>What the engine made.</summary>
public sealed record SignatureOutcome(string FieldName, SignatureLevel Level, DateTimeOffset? TimestampTime);

/// <summary>Why the engine refused or failed.</summary>
public enum SignatureFailure
{
    WrongPassphrase,
    KeyUnusable,
    CertificateNotValid,
    BadBox,
    UnreadablePdf,
    /// <summary>TSA, OCSP or CRL did not answer: retrying later will pass.</summary>
    ServiceUnavailable,
    /// <summary>The server lacks what the level needs (TSA address, trust anchors).</summary>
    NotConfigured,
    Other,
}

/// <summary>A refusal from the engine with a message for the signer (Bahasa Indonesia; never a secret).</summary>
public class SignatureServiceException(SignatureFailure failure, string userMessage, Exception? inner = null)
    : Exception(userMessage, inner)
{
    public SignatureFailure Failure { get; } = failure;
}
