using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DocSign.Core.Text;

namespace DocSign.Core.Letters;

/// <summary>A numbered surat pengantar with what it covers, ready to be drawn and signed.</summary>
public sealed record ReservedCoverLetter(Letter Letter, Document Document, DocumentVersion Signed, LetterTemplate Template, bool Created);

/// <summary>
/// Makes the surat pengantar of a signed document: takes its number from the register (once: the reservation is
/// keyed by the document, so a rerun after a crash finds the same letter and number), writes the number into the
/// letter, has it signed, stores it and marks the register line issued. Safe to run again at any point.
/// <see cref="HandleAsync"/> is the automatic path (offices that number on signing: "sistem" numbers, the office
/// e-seal signs); <see cref="ReserveAsync"/> and <see cref="IssueAsync"/> serve a person who makes or signs the letter.
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
    IOptions<Signing.SigningOptions> signingOptions,
    ClassificationCatalogue classifications)
{
    public static string IdempotencyKeyOf(Guid documentId) => $"pengantar:{documentId:N}";

    public static string ObjectKeyOf(Letter letter) => $"letters/{letter.OfficeId}/{letter.Year}/{letter.Id:N}/surat-pengantar.pdf";

    /// <summary>The automatic path: numbered by "sistem", sealed with the office e-seal.</summary>
    /// <returns>The issued letter, or null when the document needs none (no signed version, gone).</returns>
    /// <param name="documentId">The signed document.</param>
    /// <param name="onlyIfAutomatic">From the job: do nothing unless the document's office numbers on signing and seals its
    /// letters unattended (a signature anywhere enqueues the job; the other offices make the letter at their SOP step).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<Letter?> HandleAsync(Guid documentId, bool onlyIfAutomatic, CancellationToken cancellationToken = default)
    {
        if (onlyIfAutomatic)
        {
            var document = await documents.FindAsync(documentId, cancellationToken);
            if (document is null) return null;
            var template = await register.FindTemplateAsync(document.OfficeId, cancellationToken);
            if (template is not { AutoNumberOnSigning: true, Signer: LetterSigner.Seal }) return null;
        }
        return await HandleAsync(documentId, cancellationToken);
    }

    /// <summary>The automatic path for <paramref name="documentId"/> whatever the office's setting (tests and the job after its check).</summary>
    public async Task<Letter?> HandleAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        var reserved = await ReserveAsync(documentId, SystemActor.Name, cancellationToken);
        if (reserved is null) return null;
        if (reserved.Letter.Status != LetterStatus.Reserved) return reserved.Letter;   // made before (or voided by hand): nothing to do
        if (testHooks.Value.DelayAfterReserve > TimeSpan.Zero)
            await Task.Delay(testHooks.Value.DelayAfterReserve, cancellationToken);
        return await SealAsync(reserved, SystemActor.Name, cancellationToken);
    }

    /// <summary>Signs the reserved letter with the office e-seal and issues it; the letter names the office as its sealer.</summary>
    public async Task<Letter> SealAsync(ReservedCoverLetter reserved, string issuedBy, CancellationToken cancellationToken = default)
    {
        var certificate = await signer.DescribeAsync(reserved.Letter.OfficeId, LetterSigner.Seal, cancellationToken);
        return await IssueAsync(reserved, SealSender(reserved.Template), certificate, issuedBy,
            (pdf, reason, ct) => signer.SignAsync(reserved.Letter.OfficeId, LetterSigner.Seal, pdf, reason, reserved.Template.Place, ct), cancellationToken);
    }

    /// <summary>
    /// Takes the letter's number for <paramref name="documentId"/> (or finds the one already taken), recorded as taken by
    /// <paramref name="reservedBy"/>. Null when the document has no signed version or is gone.
    /// </summary>
    public async Task<ReservedCoverLetter?> ReserveAsync(Guid documentId, string reservedBy, CancellationToken cancellationToken = default)
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
        var subject = $"Penyampaian {document.Title}";
        if (subject.Length > Letter.MaxSubjectLength) subject = subject[..Letter.MaxSubjectLength];
        var (letter, created) = await register.ReserveAsync(document.OfficeId, today.Year, IdempotencyKeyOf(documentId), sequence =>
        {
            var number = NumberTemplate.Render(template.NumberPattern, template.DefaultClassification, sequence, 0, template.InsertStyle, template.UnitCode, today);
            var l = new Letter(Guid.NewGuid(), document.OfficeId, today.Year, sequence, 0, number, today, template.DefaultClassification,
                subject, template.Sifat, string.Join(", ", Lines(template.Addressee)), LetterKinds.CoverLetter, documentId, IdempotencyKeyOf(documentId), null, reservedBy, now);
            return new NumberedLetter(l, new AuditEvent(AuditActions.LetterNumbered) { OfficeId = document.OfficeId, DocumentId = documentId, ActorName = reservedBy, Detail = $"{number}: {subject}" });
        }, cancellationToken);
        if (letter.Status == LetterStatus.Reserved)
            logger.LogInformation("Surat pengantar {Number} for document {DocumentId} {How} by {User}", letter.Number, documentId, created ? "numbered" : "resumed", reservedBy);
        return new ReservedCoverLetter(letter, document, signed, template, created);
    }

    /// <summary>
    /// Draws the reserved letter in the naskah dinas layout with <paramref name="sender"/> at its foot (from the signer's
    /// record, never typed text) and the QR and footer true for <paramref name="certificate"/>, signs it through
    /// <paramref name="sign"/>, stores it and issues it (by <paramref name="issuedBy"/>). Nothing is stored when signing throws.
    /// </summary>
    public async Task<Letter> IssueAsync(ReservedCoverLetter reserved, LetterSender sender, LetterCertificate certificate, string issuedBy,
        Func<byte[], string, CancellationToken, Task<byte[]>> sign, CancellationToken cancellationToken = default)
    {
        var (letter, document, signed, template, _) = reserved;
        if (letter.Status != LetterStatus.Reserved) return letter;
        logger.LogInformation("Surat pengantar {Number}: sender {Kind} from {Source}", letter.Number, sender.Kind, sender.Source);
        byte[]? emblem = null;
        if (template.EmblemKey is { } emblemKey)
        {
            await using var stream = await store.OpenReadAsync(emblemKey, cancellationToken);
            using var ms = new MemoryStream();
            await stream.CopyToAsync(ms, cancellationToken);
            emblem = ms.ToArray();
        }
        var mark = new ElectronicSignatureMark(Signing.StampText.LetterUrl(signingOptions.Value.PublicBaseUrl, letter.Id),
            Signing.StampText.Footer(certificate.IssuerName, certificate.IssuerDistinguishedName));
        var content = new CoverLetterContent(
            template.PaperSize, new LetterKop(Lines(template.Letterhead), template.Telephone, template.Website, emblem),
            template.Place, letter.LetterDate, letter.Number, Lines(template.Addressee),
            [new CoverLetterItem(1, $"{document.Title} (versi {signed.Number}, ditandatangani secara elektronik)", IndonesianText.Count(1, "berkas"),
                $"Disampaikan dengan hormat untuk dipergunakan sebagaimana mestinya. SHA-256: {signed.Sha256[..16]}…")],
            sender, Lines(template.CarbonCopies), mark);
        var pdf = renderer.Render(content);
        var signedPdf = await sign(pdf, $"Surat pengantar {letter.Number}", cancellationToken);

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
        letter.Issue(key, stored.Sha256 ?? "", stored.Size, issuedBy, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.LetterIssued) { OfficeId = letter.OfficeId, DocumentId = document.Id, ActorName = issuedBy, Sha256 = stored.Sha256, Detail = $"{letter.Number}: surat pengantar diterbitkan" });
        await register.SaveAsync(cancellationToken);
        logger.LogInformation("Surat pengantar {Number} for document {DocumentId} issued by {User} ({Size} bytes)", letter.Number, document.Id, issuedBy, stored.Size);
        return letter;
    }

    /// <summary>The foot of a sealed letter: the office (from the kop's office line) as the sealer, no person's name or NIP.</summary>
    public static LetterSender SealSender(LetterTemplate template)
    {
        var kop = Lines(template.Letterhead);
        var office = kop.Count > 1 ? kop[1] : kop.Count == 1 ? kop[0] : template.OfficeId.ToUpperInvariant();
        var seal = "Segel Elektronik " + System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(office.ToLowerInvariant());
        return new LetterSender(LetterSenderKind.Definitif, office, office, seal, null, Source: "office e-seal");
    }

    private static IReadOnlyList<string> Lines(string text) =>
        text.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
