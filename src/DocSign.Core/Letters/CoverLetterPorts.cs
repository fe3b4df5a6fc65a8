namespace DocSign.Core.Letters;

/// <summary>What a surat pengantar says; drawn by <see cref="ICoverLetterRenderer"/>.</summary>
public sealed record CoverLetterContent(
    IReadOnlyList<string> Letterhead,
    string Place,
    DateOnly Date,
    string Number,
    string Sifat,
    string Attachment,
    string Subject,
    IReadOnlyList<string> Addressee,
    IReadOnlyList<CoverLetterItem> Items,
    string SenderAuthority,
    IReadOnlyList<string> SenderTitle,
    string SenderName,
    string SenderNip);

/// <summary>One row of the table: No, Naskah Dinas yang Dikirimkan, Banyaknya, Keterangan.</summary>
public sealed record CoverLetterItem(int No, string Document, string Quantity, string Note);

/// <summary>Draws a surat pengantar as a PDF (fonts embedded); generated-PDF drawing lives in Infrastructure.</summary>
public interface ICoverLetterRenderer
{
    byte[] Render(CoverLetterContent content);
}

/// <summary>
/// Signs a letter DocSign made, unattended, with the office's configured key (its e-seal, or the Camat's where the
/// office says so), through the PAdES signing engine.
/// </summary>
public interface ILetterSigner
{
    /// <summary>The signed PDF. Throws <see cref="LetterSigningUnavailableException"/> when the office has no usable key or the TSA is down.</summary>
    Task<byte[]> SignAsync(string officeId, LetterSigner signer, byte[] pdf, string reason, string location, CancellationToken cancellationToken = default);
}

/// <summary>The letter could not be signed now (no key configured, key unreadable, TSA down); the job retries later.</summary>
public sealed class LetterSigningUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
