using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Core.Documents;

/// <summary>
/// The part every upload shares: check the file (PDF, not encrypted, not empty, not too big), then put it
/// into object storage under a fresh write-once key. The database row is written by the caller only after
/// the object is safely stored, so there is never a row without its bytes; if the row then fails,
/// <see cref="DiscardAsync"/> removes the object (or the orphan sweeper does later).
/// </summary>
public sealed class VersionUploader(IObjectStore store, IPdfInspector inspector, IDocumentRepository documents, TimeProvider clock,
    IOptions<UploadOptions> options, ILogger<VersionUploader> logger, IAuditTrail? audit = null)
{
    public const string KeyPrefix = "documents/";

    public static string NewObjectKey(Guid documentId, int number) =>
        $"{KeyPrefix}{documentId:N}/v{number:D4}-{Guid.NewGuid():N}.pdf";

    public void Check(UploadedFile? file, CancellationToken cancellationToken = default)
    {
        if (file is null)
            throw DocSignProblem.Invalid("Berkas belum dipilih. Lampirkan berkas PDF pada isian 'file'.");
        if (file.Length == 0)
            throw DocSignProblem.Invalid("Berkas kosong. Pilih berkas PDF yang berisi dokumen.");
        var max = options.Value.MaxBytes;
        if (file.Length > max)
            throw new DocSignProblem(ProblemKind.TooLarge,
                $"Berkas terlalu besar ({FormatSize(file.Length)}). Ukuran maksimum adalah {FormatSize(max)}.");
        if (!file.Content.CanSeek)
            throw new InvalidOperationException("Uploads must be spooled to a seekable stream before inspection.");

        file.Content.Position = 0;
        PdfInspection result;
        try
        {
            result = inspector.Inspect(file.Content, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogInformation(e, "PDF inspector rejected an upload");
            result = PdfInspection.NotPdf(e.Message);
        }
        if (!result.IsPdf)
        {
            logger.LogInformation("Upload refused: not a PDF ({Reason})", result.Reason);
            throw DocSignProblem.Invalid("Berkas bukan PDF yang valid. Unggah berkas PDF asli (bukan hasil ganti nama atau berkas rusak).");
        }
        if (result.IsEncrypted)
            throw DocSignProblem.Invalid("Berkas PDF terkunci dengan kata sandi (terenkripsi). Simpan ulang tanpa kata sandi, lalu unggah kembali.");
    }

    public async Task<StoredObject> StoreAsync(UploadedFile file, string key, CancellationToken cancellationToken)
    {
        file.Content.Position = 0;
        try
        {
            var stored = await store.PutAsync(key, file.Content, cancellationToken);
            if (stored.Size != file.Length)
            {
                await DiscardAsync(key);
                throw new StorageUnavailableException($"Stored {stored.Size} bytes for an upload of {file.Length} bytes.");
            }
            return stored;
        }
        catch (StorageUnavailableException e)
        {
            logger.LogWarning("Object store unavailable while storing {Key}: {Reason}", key, e.Message);
            throw DocSignProblem.Unavailable(e);
        }
    }

    /// <summary>
    /// Appends the next version to an existing document: bytes first (under a fresh write-once key), then
    /// the row; if the row fails, the bytes are removed again. The file must already have passed
    /// <see cref="Check"/> (or be DocSign's own output, e.g. the signing step's <see cref="VersionStage.Signed"/> version).
    /// </summary>
    /// <exception cref="DocSignProblem">Conflict when concurrent uploads kept taking the number (after a few retries); Unavailable when storage or database is down.</exception>
    public async Task<DocumentVersion> AppendVersionAsync(Document document, VersionStage stage, string uploadedBy, string? note,
        UploadedFile file, CancellationToken cancellationToken, Action<Document>? alongside = null)
    {
        // Two uploads at once both read "next is n"; the database lets one have it. The other stores its
        // bytes again under the following number instead of bothering the clerk, a few times at most.
        for (var attempt = 1; ; attempt++)
        {
            var number = document.NextVersionNumber;
            var key = NewObjectKey(document.Id, number);
            var stored = await StoreAsync(file, key, cancellationToken);
            var version = document.AddVersion(Guid.NewGuid(), stage, uploadedBy, clock.GetUtcNow(), note, stored.Size, stored.Sha256!, stored.Key, number);
            // A change to the document that belongs with this version (saved in the same transaction).
            alongside?.Invoke(document);
            // Staged with the row, so both are saved in one transaction (a failed save clears both; the retry stages again).
            audit?.Record(new AuditEvent(AuditActions.VersionUploaded)
                { OfficeId = document.OfficeId, DocumentId = document.Id, VersionNumber = number, Sha256 = stored.Sha256, Detail = stage.ToWire() });
            try
            {
                await documents.AddVersionAsync(version, cancellationToken);
                return version;
            }
            catch (VersionNumberTakenException e)
            {
                await DiscardAsync(key);
                var reloaded = attempt < MaxNumberAttempts ? await ReloadAsync(document.Id, cancellationToken) : null;
                if (reloaded is null)
                    throw new DocSignProblem(ProblemKind.Conflict, "Versi lain dari dokumen ini baru saja diunggah bersamaan. Muat ulang dokumen, lalu coba lagi.", e);
                logger.LogInformation("Version number {Number} of document {DocumentId} was taken concurrently; retrying", number, document.Id);
                document = reloaded;
            }
            catch (DatabaseUnavailableException e)
            {
                await DiscardAsync(key);
                throw DatabaseGuard.Unavailable(e);
            }
        }
    }

    private const int MaxNumberAttempts = 5;

    private async Task<Document?> ReloadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await documents.FindAsync(id, cancellationToken);
        }
        catch (DatabaseUnavailableException e) { throw DatabaseGuard.Unavailable(e); }
    }

    /// <summary>Best effort: whatever is left behind is an orphan the sweeper removes later.</summary>
    public async Task DiscardAsync(string key)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await store.DeleteAsync(key, cts.Token);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not remove object {Key} of a failed upload; the orphan sweeper will", key);
        }
    }

    private static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024.0):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bait",
    };
}
