using System.Security.Cryptography;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Letters;

/// <summary>
/// The Kasubag Umum uploads the tanda terima of a dispatched letter: a PDF (checked with DocSign's own reader) or a
/// photo/scan (PNG or JPEG, recognised by its signature bytes, never by the name the browser sends).
/// </summary>
public sealed class UploadReceiptHandler(
    ILetterRegister register, LetterStepAccess steps, IObjectStore store, IPdfInspector inspector, IAuditTrail audit, TimeProvider clock,
    ILogger<UploadReceiptHandler> logger)
{
    /// <summary>A receipt is a page or a photo; anything larger is a mistake.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    public async Task<Letter> HandleAsync(Actor actor, Guid id, UploadedFile? file, CancellationToken cancellationToken = default)
    {
        var letter = await LetterAccess.LoadForLetterHandlerAsync(register, steps, actor, id, "mengunggah tanda terima", cancellationToken);
        if (file is null || file.Length == 0) throw DocSignProblem.Invalid("Unggah tanda terima (PDF, PNG atau JPEG) pada isian 'file'.");
        if (file.Length > MaxBytes) throw new DocSignProblem(ProblemKind.TooLarge, "Tanda terima terlalu besar; paling besar 20 MB.");
        if (letter.Status != LetterStatus.Dispatched)
            throw new DocSignProblem(ProblemKind.Conflict, "Tanda terima hanya untuk surat yang sudah dicatat terkirim.");

        var (contentType, extension) = Sniff(file.Content, cancellationToken);
        var key = $"letters/{letter.OfficeId}/{letter.Year}/{letter.Id:N}/tanda-terima-{Guid.NewGuid():N}.{extension}";
        StoredObject stored;
        try
        {
            file.Content.Position = 0;
            stored = await store.PutAsync(key, file.Content, cancellationToken);
        }
        catch (StorageUnavailableException e) { throw DocSignProblem.Unavailable(e); }

        letter.AttachReceipt(key, stored.Sha256 ?? "", contentType, actor.UserName, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.ReceiptUploaded) { OfficeId = letter.OfficeId, DocumentId = letter.DocumentId, Sha256 = stored.Sha256, Detail = letter.Number });
        try
        {
            await LetterAccess.Guard(async () => { await register.SaveAsync(cancellationToken); return true; });
        }
        catch
        {
            // The row was not written: the object would be an orphan; remove it now rather than wait for the sweeper.
            try { await store.DeleteAsync(key, CancellationToken.None); } catch (ObjectStoreException) { }
            throw;
        }
        logger.LogInformation("Receipt for letter {Number} of {Office} stored by {User}", letter.Number, letter.OfficeId, actor.UserName);
        return letter;
    }

    private (string ContentType, string Extension) Sniff(Stream content, CancellationToken cancellationToken)
    {
        Span<byte> head = stackalloc byte[8];
        content.Position = 0;
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        if (n >= 8 && head.SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return ("image/png", "png");
        if (n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return ("image/jpeg", "jpg");
        var inspection = inspector.Inspect(content, cancellationToken);
        content.Position = 0;
        if (inspection.IsPdf && !inspection.IsEncrypted) return ("application/pdf", "pdf");
        throw DocSignProblem.Invalid("Tanda terima harus berupa PDF (tidak terenkripsi), PNG atau JPEG.");
    }
}
