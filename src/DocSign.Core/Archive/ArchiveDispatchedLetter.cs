using DocSign.Core.Verification;
using DocSign.Core.Access;
using System.Security.Cryptography;
using System.Text.Json;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Letters;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Archive;

/// <summary>
/// After a surat pengantar is dispatched: copies the signed document and the signed letter into the archive area,
/// with a manifest (keys, SHA-256, sizes, each signature's verdict, retention class and date). Keys are fixed by
/// the letter, so a rerun after a crash finds the copies it already made (write-once keys) instead of making more.
/// </summary>
public sealed class ArchiveDispatchedLetterHandler(
    ILetterRegister letters,
    IDocumentRepository documents,
    IArchiveRepository archive, IUnitOfWork unitOfWork,
    IPdfVerifier verifier,
    IObjectStore store,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<ArchiveDispatchedLetterHandler> logger)
{
    public async Task<IReadOnlyList<ArchiveCopy>> HandleAsync(Guid letterId, CancellationToken cancellationToken = default)
    {
        var letter = await letters.FindAsync(letterId, cancellationToken);
        if (letter is not { Status: LetterStatus.Dispatched, DocumentId: { } documentId, ObjectKey: { } letterKey }) return [];
        var existing = await archive.ListForDocumentAsync(documentId, cancellationToken);
        if (existing.Any(c => c.LetterId == letterId)) return existing;
        var document = await documents.FindAsync(documentId, cancellationToken);
        var signed = document?.Versions.Where(v => v.Stage == VersionStage.Signed).MaxBy(v => v.Number);
        if (document is null || signed is null) return [];
        var template = await letters.FindTemplateAsync(document.OfficeId, cancellationToken)
            ?? throw new InvalidOperationException($"Office {document.OfficeId} has no letter template (retention).");

        var dispatched = template.LocalDate(letter.DispatchedAt ?? clock.GetUtcNow());
        // JRA periods count in whole years after the year the file closes. The document's class comes from the JRA
        // table by its kind (the LKjIP: 000.8.6.3, Permanen), the cover letter's from the letters' class; a kind the
        // table does not know keeps the office's letter-template retention (deletable after it).
        var documentClass = RetentionSchedule.ForDocumentKind(null, document.Kind);
        var letterClass = RetentionSchedule.ForLetters(null);
        var until = documentClass?.DueAfter(dispatched.Year) ?? new DateOnly(dispatched.Year + template.RetentionYears, 12, 31);
        var documentDisposition = documentClass?.Disposition ?? FinalDisposition.Musnah;
        var documentLabel = documentClass?.Label ?? template.RetentionClass;
        var now = clock.GetUtcNow();
        var copies = new List<ArchiveCopy>();
        var entries = new List<object>();
        foreach (var (role, sourceKey, sourceSha, name, due, disposition, label) in new[]
                 {
                     (ArchiveRoles.Document, signed.ObjectKey, signed.Sha256, $"naskah-v{signed.Number}.pdf", until, documentDisposition, documentLabel),
                     (ArchiveRoles.CoverLetter, letterKey, letter.Sha256 ?? "", $"surat-pengantar-{letter.Id:N}.pdf",
                         letterClass.DueAfter(dispatched.Year), letterClass.Disposition, letterClass.Label),
                 })
        {
            byte[] bytes;
            await using (var source = await store.OpenReadAsync(sourceKey, cancellationToken))
            {
                var ms = new MemoryStream();
                await source.CopyToAsync(ms, cancellationToken);
                bytes = ms.ToArray();
            }
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(sha, sourceSha, StringComparison.Ordinal))
                throw new InvalidOperationException($"Source object {sourceKey} does not match its recorded SHA-256; not archiving a changed file.");
            var check = await verifier.VerifyAsync(new MemoryStream(bytes, writable: false), name, cancellationToken);
            var key = ArchiveKeys.For(document.OfficeId, document.Year, documentId, due, disposition, name);
            var stored = await PutOnceAsync(key, bytes, sha, cancellationToken);
            copies.Add(new ArchiveCopy(Guid.NewGuid(), document.OfficeId, documentId, letter.Id, role, key, sha, stored.Size, check.Verdict,
                label, due, now, check.ProofExpiry, check.Strength.Weak));
            entries.Add(new { role, key, sha256 = sha, size = stored.Size, source = sourceKey, verdict = check.Verdict, timestampExpiry = check.ProofExpiry });
        }
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            office = document.OfficeId,
            document = new { id = documentId, title = document.Title, year = document.Year, signedVersion = signed.Number },
            letter = new { id = letter.Id, number = letter.Number, recipient = letter.Recipient, channel = letter.Channel?.ToWire(), dispatchedAt = letter.DispatchedAt },
            retention = new
            {
                @class = documentLabel, code = documentClass?.Code, years = documentClass?.TotalYears ?? template.RetentionYears,
                retainUntil = until.ToString("yyyy-MM-dd"), disposition = RetentionClass.DispositionName(documentDisposition), security = documentClass?.Security,
            },
            // No "archived at" here (the ArchiveCopy rows keep that moment): the manifest's bytes follow from the record
            // alone, so two runs of the job for one letter at the same time (its cause and a sweep, on two instances)
            // write the same bytes. With a moment in it, an S3 server that ignores If-None-Match (s3rver) let the second
            // run's manifest replace the first's under the hash the first run recorded (the soak's restore check found it).
            objects = entries,
        }, new JsonSerializerOptions { WriteIndented = true });
        // The manifest describes the record and shares its fate (a Permanen record's manifest is permanent too).
        var manifestKey = ArchiveKeys.For(document.OfficeId, document.Year, documentId, until, documentDisposition, $"manifest-{letter.Id:N}.json");
        var manifestSha = Convert.ToHexStringLower(SHA256.HashData(manifest));
        var manifestStored = await PutOnceAsync(manifestKey, manifest, null, cancellationToken);
        copies.Add(new ArchiveCopy(Guid.NewGuid(), document.OfficeId, documentId, letter.Id, ArchiveRoles.Manifest, manifestKey,
            manifestStored.Sha256 ?? manifestSha, manifestStored.Size, "-", documentLabel, until, now, null, false));

        foreach (var c in copies) archive.Add(c);
        audit.Record(new AuditEvent(AuditActions.Archived)
        {
            OfficeId = document.OfficeId, DocumentId = documentId, VersionNumber = signed.Number, Sha256 = signed.Sha256, ActorName = SystemActor.Name,
            Detail = $"{copies.Count} objek diarsipkan sampai {until:yyyy-MM-dd} ({letter.Number})",
        });
        await unitOfWork.SaveAsync(cancellationToken);
        logger.LogInformation("Archived document {DocumentId} with letter {Number}: {Count} objects, retained until {Until}", documentId, letter.Number, copies.Count, until);
        return copies;
    }

    /// <summary>Stores once; a copy an earlier (crashed) run made is kept when its bytes are the same.</summary>
    private async Task<StoredObject> PutOnceAsync(string key, byte[] bytes, string? sha, CancellationToken cancellationToken)
    {
        try
        {
            return await store.PutAsync(key, new MemoryStream(bytes, writable: false), cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            var stat = await store.StatAsync(key, cancellationToken) ?? throw new InvalidOperationException($"Object {key} vanished.");
            if (sha is not null && stat.Sha256 is not null && stat.Sha256 != sha)
                throw new InvalidOperationException($"Archive object {key} exists with other content.");
            return stat;
        }
    }
}
