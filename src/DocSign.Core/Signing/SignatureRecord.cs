namespace DocSign.Core.Signing;

/// <summary>
/// One signature DocSign made (the Camat's, or a paraf), kept with the signed version it produced: who signed,
/// under which authority, at which level, and the unguessable <see cref="PublicId"/> that the QR code on the
/// stamp carries to the public verification page. Written once, in the same transaction as the version.
/// </summary>
public sealed class SignatureRecord
{
    private SignatureRecord() { }

    public SignatureRecord(Guid id, string publicId, Guid documentId, string officeId, int versionNumber, int sourceVersionNumber,
        SignatureKind kind, SignerEnrolment enrolment, string signerUserId, string jabatanShown, SignatureLevel level,
        DateTimeOffset signedAt, DateTimeOffset? timestampAt, string sha256, long size, string fieldName, StampPlacement? box)
    {
        Id = id;
        PublicId = publicId;
        DocumentId = documentId;
        OfficeId = officeId;
        VersionNumber = versionNumber;
        SourceVersionNumber = sourceVersionNumber;
        Kind = kind;
        EnrolmentId = enrolment.Id;
        SignerUserId = signerUserId;
        SignerName = enrolment.SignerName;
        Nip = enrolment.Nip;
        Jabatan = jabatanShown;
        Authority = enrolment.Authority;
        DecreeNumber = enrolment.DecreeNumber;
        PeriodFrom = enrolment.PeriodFrom;
        PeriodTo = enrolment.PeriodTo;
        CertificateIssuer = enrolment.IssuerName;
        CertificateSerial = enrolment.CertificateSerial;
        Level = level;
        SignedAt = signedAt;
        TimestampAt = timestampAt;
        Sha256 = sha256;
        Size = size;
        FieldName = fieldName;
        Page = box?.Page;
        X = box?.X;
        Y = box?.Y;
        Width = box?.Width;
        Height = box?.Height;
    }

    public Guid Id { get; private set; }

    /// <summary>26 characters of base32 (130 random bits): what /v/{publicId} names.</summary>
    public string PublicId { get; private set; } = "";
    public Guid DocumentId { get; private set; }
    public string OfficeId { get; private set; } = "";

    /// <summary>The signed version this signature produced.</summary>
    public int VersionNumber { get; private set; }

    /// <summary>The version that was put to the signer (the signed version is it plus one incremental update).</summary>
    public int SourceVersionNumber { get; private set; }
    public SignatureKind Kind { get; private set; }
    public Guid EnrolmentId { get; private set; }
    public string SignerUserId { get; private set; } = "";
    public string SignerName { get; private set; } = "";
    public string? Nip { get; private set; }

    /// <summary>The jabatan as the stamp shows it, with "Plt." / "Plh." / "a.n. ..." where it applies.</summary>
    public string Jabatan { get; private set; } = "";
    public SigningAuthorityKind Authority { get; private set; }
    public string? DecreeNumber { get; private set; }
    public DateOnly? PeriodFrom { get; private set; }
    public DateOnly? PeriodTo { get; private set; }
    public string CertificateIssuer { get; private set; } = "";
    public string CertificateSerial { get; private set; } = "";
    public SignatureLevel Level { get; private set; }

    /// <summary>The claimed signing time (/M); <see cref="TimestampAt"/> is the TSA's proof.</summary>
    public DateTimeOffset SignedAt { get; private set; }
    public DateTimeOffset? TimestampAt { get; private set; }

    /// <summary>SHA-256 and size of the signed version's bytes.</summary>
    public string Sha256 { get; private set; } = "";
    public long Size { get; private set; }
    public string FieldName { get; private set; } = "";
    public int? Page { get; private set; }
    public double? X { get; private set; }
    public double? Y { get; private set; }
    public double? Width { get; private set; }
    public double? Height { get; private set; }

    public StampPlacement? Box => Page is { } p ? new StampPlacement(p, X ?? 0, Y ?? 0, Width ?? 0, Height ?? 0) : null;
}

/// <summary>Where a visible stamp goes: page from 1, PDF points from the page's bottom-left.</summary>
public sealed record StampPlacement(int Page, double X, double Y, double Width, double Height);
