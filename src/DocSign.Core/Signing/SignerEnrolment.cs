namespace DocSign.Core.Signing;

/// <summary>
/// A signer's key as enrolled: the PKCS#12 exactly as uploaded (it is encrypted under the signer's own
/// passphrase, which DocSign never keeps), what its certificate says, and the authority under which the
/// signer signs in one office. Replaced, never edited: a new enrolment retires the previous one.
/// </summary>
public sealed class SignerEnrolment
{
    public const int MaxPkcs12Bytes = 100 * 1024;
    public const int MaxJabatanLength = 200;
    public const int MaxDecreeLength = 200;

    private SignerEnrolment() { }

    public SignerEnrolment(Guid id, string userId, string officeId, SignatureKind purpose, byte[] pkcs12, SignerCertificate certificate,
        string jabatan, SigningAuthorityKind authority, string? decreeNumber, DateOnly? periodFrom, DateOnly? periodTo,
        string enrolledBy, DateTimeOffset enrolledAt)
    {
        Id = id;
        UserId = userId;
        OfficeId = officeId;
        Purpose = purpose;
        Pkcs12 = pkcs12;
        CertificateSubject = Cut(certificate.Subject, 1000);
        CertificateIssuer = Cut(certificate.Issuer, 1000);
        IssuerName = Cut(certificate.IssuerName, 300);
        CertificateSerial = Cut(certificate.SerialNumber, 128);
        NotBefore = certificate.NotBefore;
        NotAfter = certificate.NotAfter;
        SignerName = Cut(certificate.Name, 300);
        Nip = certificate.Nip is { Length: <= 32 } nip ? nip : null;
        Jabatan = jabatan;
        Authority = authority;
        DecreeNumber = decreeNumber;
        PeriodFrom = periodFrom;
        PeriodTo = periodTo;
        EnrolledBy = enrolledBy;
        EnrolledAt = enrolledAt;
    }

    /// <summary>
    /// A signer who signs through BSrE (issue 20): enrolled by NIK, with no key on DocSign's side. Name and NIP are DocSign's
    /// own record of the person (the NIP never comes from a BSrE certificate, whose CN has none); the issuer named on the
    /// stamp's footer is BSrE. BSrE itself says per signing whether the certificate is usable (status ISSUE); the enrolment's
    /// validity window is the two years a BSrE certificate lasts, after which the office enrols him again.
    /// </summary>
    public static SignerEnrolment ForBsre(Guid id, string userId, string officeId, SignatureKind purpose, string nik, string name, string? nip,
        string jabatan, SigningAuthorityKind authority, string? decreeNumber, DateOnly? periodFrom, DateOnly? periodTo, string enrolledBy, DateTimeOffset enrolledAt)
    {
        if (nik.Length != 16 || !nik.All(char.IsAsciiDigit)) throw new ArgumentException("A NIK has 16 digits.", nameof(nik));
        var certificate = new SignerCertificate($"BSrE NIK {nik}", BsreIssuer, BsreIssuer, "", enrolledAt, enrolledAt.AddYears(2), name, nip, jabatan, null, true);
        return new SignerEnrolment(id, userId, officeId, purpose, [], certificate, jabatan, authority, decreeNumber, periodFrom, periodTo, enrolledBy, enrolledAt)
        {
            Method = SigningMethod.Bsre,
            Nik = nik,
        };
    }

    /// <summary>The issuer a BSrE enrolment's stamp footer names.</summary>
    public const string BsreIssuer = "BSrE, BSSN";

    /// <summary>How this signer signs (which provider holds the key).</summary>
    public SigningMethod Method { get; private set; } = SigningMethod.Pkcs12;

    /// <summary>The signer's NIK at BSrE (16 digits), for <see cref="SigningMethod.Bsre"/>.</summary>
    public string? Nik { get; private set; }

    /// <summary>The PKCS#11 token's label and the key's label on it, for <see cref="SigningMethod.Pkcs11"/>.</summary>
    public string? TokenLabel { get; private set; }
    public string? KeyLabel { get; private set; }

    /// <summary>"Who signs" for this enrolment with the secret typed now (passphrase, PIN, or a BSrE TOTP); never stored.</summary>
    public SignerCredential Credential(string? passphrase, string? totp = null) => Method switch
    {
        SigningMethod.Bsre => new BsreCredential(Nik!, string.IsNullOrEmpty(totp) ? passphrase : null, string.IsNullOrEmpty(totp) ? null : totp),
        SigningMethod.Pkcs11 => new Pkcs11Credential(TokenLabel!, KeyLabel!, passphrase ?? ""),
        _ => new Pkcs12Credential(Pkcs12, passphrase ?? ""),
    };

    /// <summary>Whom a signature by this enrolment must name: DocSign's own record of the signer.</summary>
    public ExpectedSigner Expected => new(SignerName, Nip);

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string OfficeId { get; private set; } = "";
    public SignatureKind Purpose { get; private set; }

    /// <summary>The PKCS#12 bytes as uploaded (still encrypted under the signer's passphrase).</summary>
    public byte[] Pkcs12 { get; private set; } = [];

    public string CertificateSubject { get; private set; } = "";
    public string CertificateIssuer { get; private set; } = "";

    /// <summary>The issuer's common name (or organisation): what the stamp's footer names.</summary>
    public string IssuerName { get; private set; } = "";

    /// <summary>Upper-case hex serial number of the certificate.</summary>
    public string CertificateSerial { get; private set; } = "";
    public DateTimeOffset NotBefore { get; private set; }
    public DateTimeOffset NotAfter { get; private set; }

    /// <summary>The signer's name as the certificate gives it.</summary>
    public string SignerName { get; private set; } = "";

    /// <summary>18-digit NIP from the certificate's serialNumber or CN, when it has one.</summary>
    public string? Nip { get; private set; }

    /// <summary>
    /// The signer's own jabatan: for the head (definitive, Plt., Plh.) the head's post, e.g. "Camat Kanigaran";
    /// for a.n. the signer's own post under the "a.n. Camat ..." line, e.g. "Sekretaris Kecamatan".
    /// </summary>
    public string Jabatan { get; private set; } = "";
    public SigningAuthorityKind Authority { get; private set; }
    public string? DecreeNumber { get; private set; }
    public DateOnly? PeriodFrom { get; private set; }
    public DateOnly? PeriodTo { get; private set; }

    public string EnrolledBy { get; private set; } = "";
    public DateTimeOffset EnrolledAt { get; private set; }

    /// <summary>When a newer enrolment replaced this one; null while it is the signer's key.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    /// <summary>Wrong passphrases since the last good one (drives the slow-down, never the passphrase itself).</summary>
    public int FailedAttempts { get; private set; }
    public DateTimeOffset? LastFailureAt { get; private set; }

    public void Retire(DateTimeOffset at) => RetiredAt ??= at;

    public void RecordWrongPassphrase(DateTimeOffset at)
    {
        FailedAttempts++;
        LastFailureAt = at;
    }

    public void RecordGoodPassphrase()
    {
        FailedAttempts = 0;
        LastFailureAt = null;
    }

    /// <summary>Whether the authority allows signing on <paramref name="day"/> (Plt./Plh./a.n. only within their period).</summary>
    public bool AuthorityCovers(DateOnly day) =>
        Authority == SigningAuthorityKind.Definitive
        || ((PeriodFrom is null || day >= PeriodFrom) && (PeriodTo is null || day <= PeriodTo));

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
