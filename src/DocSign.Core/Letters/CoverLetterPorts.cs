namespace DocSign.Core.Letters;

/// <summary>
/// What a surat pengantar says, in the Tata Naskah Dinas layout: the kop, the number (printed once, under the
/// title), the addressee, the table, place and date with the sender block, the receipt block and the tembusan.
/// It carries no Sifat, Lampiran or Perihal lines: those belong to a surat dinas. Drawn by <see cref="ICoverLetterRenderer"/>.
/// </summary>
public sealed record CoverLetterContent(
    PaperSize Paper,
    LetterKop Kop,
    string Place,
    DateOnly Date,
    string Number,
    IReadOnlyList<string> Addressee,
    IReadOnlyList<CoverLetterItem> Items,
    LetterSender Sender,
    IReadOnlyList<string> CarbonCopies,
    ElectronicSignatureMark? Electronic);

/// <summary>
/// The kop surat: the government and office lines with the address (<see cref="Lines"/>), telephone and website, and
/// the regional emblem the office uploaded (PNG or JPEG bytes; null draws none).
/// </summary>
public sealed record LetterKop(IReadOnlyList<string> Lines, string Telephone, string Website, byte[]? Emblem);

/// <summary>
/// What an electronically signed letter shows: a QR code to its public verification page and the footer that is
/// true for the certificate it is signed with (see <see cref="Signing.StampText.Footer(string, string)"/>).
/// </summary>
public sealed record ElectronicSignatureMark(Uri VerificationUrl, string Footer);

/// <summary>One row of the table: No, Naskah Dinas yang Dikirimkan, Banyaknya, Keterangan.</summary>
public sealed record CoverLetterItem(int No, string Document, string Quantity, string Note);

/// <summary>Draws a surat pengantar as a PDF (fonts embedded); generated-PDF drawing lives in Infrastructure.</summary>
public interface ICoverLetterRenderer
{
    byte[] Render(CoverLetterContent content);

    /// <summary>Whether <paramref name="image"/> (PNG or JPEG) can be drawn on a letter (checked when the office uploads its emblem).</summary>
    bool CanDrawImage(byte[] image);
}

/// <summary>The certificate a letter will be signed with: whom it names and who issued it (for the footer).</summary>
/// <param name="SubjectName">The common name the certificate names (the office seal or the Camat).</param>
/// <param name="IssuerName">The issuer's common name (or organisation).</param>
/// <param name="IssuerDistinguishedName">The issuer's whole distinguished name.</param>
public sealed record LetterCertificate(string SubjectName, string IssuerName, string IssuerDistinguishedName);

/// <summary>
/// Signs a letter DocSign made, unattended, with the office's configured key (its e-seal, or the Camat's where the
/// office says so), through the PAdES signing engine.
/// </summary>
public interface ILetterSigner
{
    /// <summary>The signed PDF. Throws <see cref="LetterSigningUnavailableException"/> when the office has no usable key or the TSA is down.</summary>
    Task<byte[]> SignAsync(string officeId, LetterSigner signer, byte[] pdf, string reason, string location, CancellationToken cancellationToken = default);

    /// <summary>The certificate <see cref="SignAsync"/> will use (read before drawing, so the footer names its real issuer).</summary>
    Task<LetterCertificate> DescribeAsync(string officeId, LetterSigner signer, CancellationToken cancellationToken = default);
}

/// <summary>The letter could not be signed now (no key configured, key unreadable, TSA down); the job retries later.</summary>
public sealed class LetterSigningUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
