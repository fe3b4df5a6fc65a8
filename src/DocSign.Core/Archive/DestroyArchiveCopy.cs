using System.Security.Cryptography;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Verification;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Archive;

/// <summary>What a berita acara pemusnahan arsip records; drawn by <see cref="IDestructionRecordRenderer"/>.</summary>
public sealed record DestructionRecordContent(
    string OfficeName, DateOnly Date, string ApprovedBy, string Reason, IReadOnlyList<DestructionRecordItem> Items, string Place);

/// <summary>One destroyed object: its archive key, SHA-256, size, class and the date its retention ended.</summary>
public sealed record DestructionRecordItem(int No, string Key, string Sha256, long Size, string RetentionClass, DateOnly Due);

/// <summary>Draws a berita acara pemusnahan as a PDF (fonts embedded); generated-PDF drawing lives in Infrastructure.</summary>
public interface IDestructionRecordRenderer
{
    byte[] Render(DestructionRecordContent content);
}

/// <summary>
/// The Camat approves the destruction of an archive copy whose JRA says Musnah and whose retention is over, and it
/// is done at once: a berita acara pemusnahan (a generated PDF, sealed with the office's letter key and VALID under
/// DocSign's verifier) is stored permanently in the archive, the object is removed from the store, and the copy's row
/// stays as a tombstone (who, when, the berita acara) beside an audit-chain event. Refused (nothing changed) for a
/// Permanen or to-be-appraised copy, one not yet due, one already destroyed, or anyone but the office's Camat.
/// </summary>
public sealed class DestroyArchiveCopyHandler(
    IArchiveRepository archive,
    IUnitOfWork unitOfWork,
    IObjectStore store,
    IDestructionRecordRenderer renderer,
    ILetterSigner signer,
    IPdfVerifier verifier,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<DestroyArchiveCopyHandler> logger)
{
    public async Task<ArchiveCopy> HandleAsync(Actor actor, string officeId, Guid copyId, string? reason, CancellationToken cancellationToken = default)
    {
        officeId = OfficeId.From(officeId);
        LetterAccess.RequireOfficeVisible(actor, officeId);
        if (!actor.HasRole(officeId, OfficeRole.Camat))
            throw DocSignProblem.Forbidden("Pemusnahan arsip harus disetujui Camat.");
        var text = reason?.Trim() is { Length: > 0 and <= 1000 } r ? r
            : throw DocSignProblem.Invalid("Tuliskan dasar pemusnahan (paling banyak 1000 karakter), misalnya keputusan penilaian arsip.");
        var copy = await LetterAccess.Guard(() => archive.FindAsync(officeId, copyId, cancellationToken)) ?? throw DocSignProblem.NotFound("Arsip tidak ditemukan.");
        if (copy.IsDestroyed)
            throw new DocSignProblem(ProblemKind.Conflict, $"Arsip ini sudah dimusnahkan pada {copy.DestroyedAt:yyyy-MM-dd}.");
        var disposition = ArchiveKeys.DispositionOf(copy.Key);
        if (disposition != FinalDisposition.Musnah)
            throw new DocSignProblem(ProblemKind.Conflict, disposition == FinalDisposition.Permanen
                ? "Arsip ini berketerangan Permanen: tidak pernah dimusnahkan, tetapi diserahkan ke Dinas Kearsipan."
                : "Arsip ini harus dinilai kembali dahulu; tidak dapat dimusnahkan.");
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var due = ArchiveKeys.DueOf(copy.Key) ?? copy.RetainUntil;
        if (today <= due)
            throw new DocSignProblem(ProblemKind.Conflict, $"Masa retensi arsip ini baru berakhir {due:yyyy-MM-dd}; belum dapat dimusnahkan.");

        // The berita acara first: without a VALID sealed record nothing is destroyed.
        var officeName = $"Kecamatan {char.ToUpperInvariant(officeId[0])}{officeId[1..]}";
        var content = new DestructionRecordContent(officeName, today, actor.UserName, text,
            [new DestructionRecordItem(1, copy.Key, copy.Sha256, copy.Size, copy.RetentionClass, due)], officeName);
        byte[] sealedPdf;
        try
        {
            sealedPdf = await signer.SignAsync(officeId, LetterSigner.Seal, renderer.Render(content), "Berita acara pemusnahan arsip", content.Place, cancellationToken);
        }
        catch (LetterSigningUnavailableException e)
        {
            logger.LogWarning("Destruction of {Key} not done: the berita acara could not be sealed ({Reason})", copy.Key, e.Message);
            throw new DocSignProblem(ProblemKind.Unavailable, "Berita acara pemusnahan belum dapat disegel (kunci segel kantor tidak tersedia); arsip tidak dimusnahkan.");
        }
        var check = await verifier.VerifyAsync(new MemoryStream(sealedPdf, writable: false), "berita-acara-pemusnahan.pdf", cancellationToken);
        if (check.Verdict != "VALID")
        {
            logger.LogWarning("Destruction of {Key} not done: the sealed berita acara is {Verdict}", copy.Key, check.Verdict);
            throw new DocSignProblem(ProblemKind.Unavailable, "Berita acara pemusnahan tidak lolos verifikasi tanda tangan; arsip tidak dimusnahkan.");
        }
        var recordId = Guid.NewGuid();
        var recordKey = ArchiveKeys.For(officeId, today.Year, copy.DocumentId, today, FinalDisposition.Permanen, $"berita-acara-pemusnahan-{recordId:N}.pdf");
        var stored = await store.PutAsync(recordKey, new MemoryStream(sealedPdf, writable: false), cancellationToken);
        var recordSha = stored.Sha256 ?? Convert.ToHexStringLower(SHA256.HashData(sealedPdf));
        archive.Add(new ArchiveCopy(recordId, officeId, copy.DocumentId, copy.LetterId, ArchiveRoles.DestructionRecord, recordKey, recordSha, stored.Size,
            check.Verdict, "Berita acara pemusnahan arsip (Permanen)", today, now, check.ProofExpiry, check.Strength.Weak));

        // The store's own guard allows this only for a Musnah key past its date.
        await store.DeleteAsync(copy.Key, cancellationToken);
        copy.MarkDestroyed(actor.UserName, now, recordKey);
        audit.Record(new AuditEvent(AuditActions.ArchiveDestroyed)
        {
            OfficeId = officeId, DocumentId = copy.DocumentId, Sha256 = copy.Sha256,
            Detail = $"Arsip {copy.Key} dimusnahkan (JRA Musnah, jatuh tempo {due:yyyy-MM-dd}); berita acara {recordKey}",
        });
        await unitOfWork.SaveAsync(cancellationToken);
        logger.LogInformation("Archive object {Key} destroyed by {User}; berita acara {Record}", copy.Key, actor.UserName, recordKey);
        return copy;
    }
}
