using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DocSign.Core.Text;

namespace DocSign.Core.Letters;

/// <summary>Bound from <c>DocSign:Letters</c>.</summary>
public sealed class LetterOptions
{
    public const string Section = "DocSign:Letters";

    /// <summary>How often the surat pengantar job looks for signed documents without a cover letter.</summary>
    public TimeSpan CoverLetterPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Numbers one person may reserve a day (<c>POST .../letter-numbers</c> and the Surat Keluar page); 0: no cap.</summary>
    public int DailyReservationsPerUser { get; set; } = 50;
}

/// <summary>
/// Bound from <c>DocSign:Testing:Letters</c>, kept apart from the production settings: a pause after the number is
/// taken and before the letter is stored, so a crash test can kill the process in between. Never set in production.
/// </summary>
public sealed class LetterTestHooks
{
    public const string Section = "DocSign:Testing:Letters";

    public TimeSpan DelayAfterReserve { get; set; }
}

/// <summary>
/// Makes the surat pengantar of a signed document: takes its number from the register (once: the reservation is
/// keyed by the document, so a rerun after a crash finds the same letter and number), writes the number into the
/// letter, has it signed with the office's key, stores it and marks the register line issued. Safe to run again
/// at any point.
/// </summary>
public sealed class CreateCoverLetterHandler(
    IDocumentRepository documents,
    ILetterRegister register,
    ICoverLetterRenderer renderer,
    ILetterSigner signer,
    IObjectStore store,
    IAuditTrail audit,
    TimeProvider clock,
    IOptions<LetterTestHooks> testHooks,
    ILogger<CreateCoverLetterHandler> logger,
    ILetterSenderSource senders,
    IOptions<Signing.SigningOptions> signingOptions,
    ClassificationCatalogue classifications)
{
    /// <summary>Who the register names for what the job does.</summary>

    public static string IdempotencyKeyOf(Guid documentId) => $"pengantar:{documentId:N}";

    public static string ObjectKeyOf(Letter letter) => $"letters/{letter.OfficeId}/{letter.Year}/{letter.Id:N}/surat-pengantar.pdf";

    /// <returns>The issued letter, or null when the document needs none (no signed version, gone).</returns>
    public async Task<Letter?> HandleAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        var document = await documents.FindAsync(documentId, cancellationToken);
        var signed = document?.Versions.Where(v => v.Stage == VersionStage.Signed).MaxBy(v => v.Number);
        if (document is null || signed is null) return null;
        var template = await register.FindTemplateAsync(document.OfficeId, cancellationToken)
            ?? throw new InvalidOperationException($"Office {document.OfficeId} has no letter template; cannot make a surat pengantar.");

        // The office's default code is checked like any other before a number is taken.
        if (await classifications.FindAsync(document.OfficeId, template.DefaultClassification, cancellationToken) is null)
            throw new LetterSigningUnavailableException(
                $"Office {document.OfficeId}'s default classification code {template.DefaultClassification} is not in the classification list; no number taken.");
        var now = clock.GetUtcNow();
        var today = template.LocalDate(now);
        var addressee = template.Addressee.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var subject = $"Penyampaian {document.Title}";
        if (subject.Length > Letter.MaxSubjectLength) subject = subject[..Letter.MaxSubjectLength];
        var (letter, created) = await register.ReserveAsync(document.OfficeId, today.Year, IdempotencyKeyOf(documentId), sequence =>
        {
            var number = NumberTemplate.Render(template.NumberPattern, template.DefaultClassification, sequence, 0, template.InsertStyle, template.UnitCode, today);
            var l = new Letter(Guid.NewGuid(), document.OfficeId, today.Year, sequence, 0, number, today, template.DefaultClassification,
                subject, template.Sifat, string.Join(", ", addressee), LetterKinds.CoverLetter, documentId, IdempotencyKeyOf(documentId), null, SystemActor.Name, now);
            return new NumberedLetter(l, new AuditEvent(AuditActions.LetterNumbered) { OfficeId = document.OfficeId, DocumentId = documentId, ActorName = SystemActor.Name, Detail = $"{number}: {subject}" });
        }, cancellationToken);
        if (letter.Status != LetterStatus.Reserved) return letter;   // made before (or voided by hand): nothing to do
        logger.LogInformation("Surat pengantar {Number} for document {DocumentId} {How}", letter.Number, documentId, created ? "numbered" : "resumed");

        if (testHooks.Value.DelayAfterReserve > TimeSpan.Zero)
            await Task.Delay(testHooks.Value.DelayAfterReserve, cancellationToken);

        var content = await ContentAsync(document, signed, template, letter, addressee, cancellationToken);
        var pdf = renderer.Render(content);
        var signedPdf = await signer.SignAsync(document.OfficeId, template.Signer, pdf, $"Surat pengantar {letter.Number}", template.Place, cancellationToken);

        var key = ObjectKeyOf(letter);
        StoredObject stored;
        try
        {
            stored = await store.PutAsync(key, new MemoryStream(signedPdf, writable: false), cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // An earlier run stored the letter and died before the register line was updated: that letter (same
            // number, already signed) is the one; keys are write-once and the store writes whole objects only.
            stored = await store.StatAsync(key, cancellationToken) ?? throw new InvalidOperationException($"Object {key} vanished.");
            logger.LogInformation("Surat pengantar {Number} was already stored by an earlier run; keeping it", letter.Number);
        }
        letter.Issue(key, stored.Sha256 ?? "", stored.Size, SystemActor.Name, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.LetterIssued) { OfficeId = letter.OfficeId, DocumentId = documentId, ActorName = SystemActor.Name, Sha256 = stored.Sha256, Detail = $"{letter.Number}: surat pengantar diterbitkan" });
        await register.SaveAsync(cancellationToken);
        logger.LogInformation("Surat pengantar {Number} for document {DocumentId} issued ({Size} bytes)", letter.Number, documentId, stored.Size);
        return letter;
    }

    /// <summary>
    /// The letter's content: the sender from the signer's record on the letter date (never typed text), the kop with
    /// the emblem the office uploaded, and the QR and footer of the certificate the letter is signed with.
    /// </summary>
    private async Task<CoverLetterContent> ContentAsync(Document document, DocumentVersion signed, LetterTemplate template, Letter letter,
        IReadOnlyList<string> addressee, CancellationToken cancellationToken)
    {
        var sender = LetterSender.Choose(await senders.CandidatesAsync(document.OfficeId, cancellationToken), letter.LetterDate)
            ?? throw new LetterSigningUnavailableException(
                $"Office {document.OfficeId} has no signer record (an enrolled Camat, or a Plt./Plh./a.n. in his period) for {letter.LetterDate:yyyy-MM-dd}; the surat pengantar waits.");
        logger.LogInformation("Surat pengantar {Number}: sender {Kind} from {Source}", letter.Number, sender.Kind, sender.Source);
        byte[]? emblem = null;
        if (template.EmblemKey is { } emblemKey)
        {
            await using var stream = await store.OpenReadAsync(emblemKey, cancellationToken);
            using var ms = new MemoryStream();
            await stream.CopyToAsync(ms, cancellationToken);
            emblem = ms.ToArray();
        }
        var certificate = await signer.DescribeAsync(document.OfficeId, template.Signer, cancellationToken);
        var mark = new ElectronicSignatureMark(Signing.StampText.LetterUrl(signingOptions.Value.PublicBaseUrl, letter.Id),
            Signing.StampText.Footer(certificate.IssuerName, certificate.IssuerDistinguishedName));
        return new CoverLetterContent(
            template.PaperSize, new LetterKop(Lines(template.Letterhead), template.Telephone, template.Website, emblem),
            template.Place, letter.LetterDate, letter.Number, addressee,
            [new CoverLetterItem(1, $"{document.Title} (versi {signed.Number}, ditandatangani secara elektronik)", IndonesianText.Count(1, "berkas"),
                $"Disampaikan dengan hormat untuk dipergunakan sebagaimana mestinya. SHA-256: {signed.Sha256[..16]}…")],
            sender, Lines(template.CarbonCopies), mark);
    }

    private static IReadOnlyList<string> Lines(string text) =>
        text.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
