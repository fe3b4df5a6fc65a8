using System.Security.Cryptography.X509Certificates;

namespace DocSign.Validation;

/// <summary>
/// The outcome of verifying one PDF: facts gathered per signature, the judgements drawn from them,
/// and the document verdict. Presentation (JSON, HTML, PDF) is done from this object only.
/// </summary>
public sealed class VerificationReport
{
    /// <summary>VALID, INVALID or INDETERMINATE for the document as a whole.</summary>
    public Verdict Verdict { get; internal set; }

    /// <summary>Signatures (not document timestamps), in file order.</summary>
    public List<SignatureResult> Signatures { get; } = new();

    /// <summary>Document timestamps (/DocTimeStamp), in file order.</summary>
    public List<SignatureResult> DocumentTimestamps { get; } = new();

    /// <summary>Document-level messages in Bahasa Indonesia (why the verdict is what it is).</summary>
    public List<string> Messages { get; } = new();

    /// <summary>SHA-256 of the verified file (hex, lower case), so an auditor can file which bytes were checked.</summary>
    public string? FileSha256 { get; internal set; }

    /// <summary>Size of the verified file in bytes.</summary>
    public long FileSize { get; internal set; }

    /// <summary>Number of revisions (incremental updates + the original) found in the file.</summary>
    public int RevisionCount { get; internal set; }

    /// <summary>The time at which the verification was run ("now" of the validation).</summary>
    public DateTimeOffset ValidationTime { get; internal set; }

    /// <summary>The encryption the file was read through ("RC4 128-bit", "AES-256"...), or null for a file in the clear.</summary>
    public string? Encryption { get; internal set; }

    /// <summary>Name of the file as given by the caller (display only).</summary>
    public string? FileName { get; set; }

    /// <summary>All entries: signatures then document timestamps.</summary>
    public IEnumerable<SignatureResult> AllEntries => Signatures.Concat(DocumentTimestamps);
}

/// <summary>Verification result of one signature or document timestamp.</summary>
public sealed class SignatureResult
{
    /// <summary>Fully qualified field name (/T of the field and its parents), or a placeholder when the field has none.</summary>
    public string Field { get; internal set; } = "";

    /// <summary>Signature or document timestamp.</summary>
    public SignatureKind Kind { get; internal set; }

    /// <summary>ETSI indication and sub-indication as one value (only pairs the standard allows can be built).
    /// Before judgement it is INDETERMINATE/SIGNED_DATA_NOT_FOUND: nothing has been established yet.</summary>
    public ValidationStatus Status { get; internal set; } = ValidationStatus.Indeterminate(IndeterminateSubIndication.SignedDataNotFound);

    /// <summary>ETSI main indication.</summary>
    public Indication Indication => Status.Indication;

    /// <summary>ETSI sub-indication (None when TOTAL_PASSED).</summary>
    public SubIndication SubIndication => Status.SubIndication;

    /// <summary>Stable keys (<see cref="MessageKey"/>) of the policy findings behind <see cref="Status"/>, for
    /// programs that must not parse the Indonesian <see cref="Messages"/>.</summary>
    public List<MessageKey> MessageKeys { get; } = new();

    /// <summary>PAdES level reached (signatures only).</summary>
    public PadesLevelReached? Level { get; internal set; }

    /// <summary>The signer (or the TSA for a document timestamp).</summary>
    public SignerDetails? Signer { get; internal set; }

    /// <summary>Time claimed by the signer (/M), unproven.</summary>
    public DateTimeOffset? ClaimedSigningTime { get; internal set; }

    /// <summary>Time proven by a verified signature timestamp (or the document timestamp's own time).</summary>
    public DateTimeOffset? TimestampTime { get; internal set; }

    /// <summary>What the byte range covers.</summary>
    public Coverage Coverage { get; internal set; } = Coverage.Partial;

    /// <summary>The most serious change made after this signature.</summary>
    public ModificationLevel ModificationsAfter { get; internal set; }

    /// <summary>Whether a change after this signature is outside what DocSign allows.</summary>
    public bool DisallowedModification { get; internal set; }

    /// <summary>Messages in Bahasa Indonesia: every check that did not pass, and notable facts.</summary>
    public List<string> Messages { get; } = new();

    /// <summary>Index (0-based) of the revision this signature closes, or -1 when none.</summary>
    public int Revision { get; internal set; } = -1;

    /// <summary>/SubFilter of the signature dictionary.</summary>
    public string? SubFilter { get; internal set; }

    /// <summary>/Reason, /Location of the signature dictionary (display only, unproven).</summary>
    public string? Reason { get; internal set; }

    /// <inheritdoc cref="Reason"/>
    public string? Location { get; internal set; }

    /// <summary>The /ByteRange as found (may be malformed).</summary>
    public long[]? ByteRange { get; internal set; }

    /// <summary>Digest algorithm name used over the byte range (e.g. SHA256).</summary>
    public string? DigestAlgorithm { get; internal set; }

    /// <summary>Signature algorithm name (e.g. RSA-PKCS1-SHA256).</summary>
    public string? SignatureAlgorithm { get; internal set; }

    /// <summary>The TSA that issued the signature timestamp (or the document timestamp).</summary>
    public SignerDetails? TimestampAuthority { get; internal set; }

    /// <summary>Whether the certificate chain was found to end at a configured trust anchor.</summary>
    public bool ChainTrusted { get; internal set; }

    /// <summary>Where revocation status came from ("DSS", "CMS", "OCSP online", "CRL online"), or null when not established.</summary>
    public string? RevocationSource { get; internal set; }

    /// <summary>DocMDP permission (1, 2 or 3) when this is a certification signature.</summary>
    public int? DocMdpPermission { get; internal set; }
}

/// <summary>Who signed: name and NIP read from the certificate, and the certificate itself.</summary>
public sealed class SignerDetails
{
    /// <summary>Common name of the certificate subject.</summary>
    public string? Name { get; init; }

    /// <summary>NIP (18 digits) when the certificate carries one.</summary>
    public string? Nip { get; init; }

    /// <summary>Subject distinguished name.</summary>
    public string? Subject { get; init; }

    /// <summary>Issuer distinguished name.</summary>
    public string? Issuer { get; init; }

    /// <summary>Serial number (hex).</summary>
    public string? SerialNumber { get; init; }

    /// <summary>The certificate, DER, base64.</summary>
    public string? CertificateBase64 { get; init; }

    /// <summary>Validity start and end of the certificate.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <inheritdoc cref="NotBefore"/>
    public DateTimeOffset? NotAfter { get; init; }

    // Name and NIP through the signer's own reader, so the report names the person the stamp names.
    internal static SignerDetails From(X509Certificate2 cert) => From(cert, DocSign.Signing.SignerIdentity.From(cert));

    private static SignerDetails From(X509Certificate2 cert, DocSign.Signing.SignerIdentity who) => new()
    {
        Name = who.Name,
        Nip = who.Nip,
        Subject = cert.Subject,
        Issuer = cert.Issuer,
        SerialNumber = cert.SerialNumber,
        CertificateBase64 = Convert.ToBase64String(cert.RawData),
        NotBefore = cert.NotBefore.ToUniversalTime(),
        NotAfter = cert.NotAfter.ToUniversalTime(),
    };
}
