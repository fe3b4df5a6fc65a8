using System.Buffers.Binary;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Letters;

/// <summary>
/// An admin uploads the office's regional emblem (lambang daerah) for the kop surat: a PNG or JPEG recognised by its
/// bytes, at most <see cref="MaxBytes"/>, between <see cref="MinPixels"/> and <see cref="MaxPixels"/> pixels a side,
/// and one the letter renderer can actually draw. It is stored under a new key (the old one stays for letters
/// already made) and the template points at it. Bad input changes nothing.
/// </summary>
public sealed class UploadLetterEmblemHandler(
    ILetterRegister register, IDocumentRepository documents, IObjectStore store, ICoverLetterRenderer renderer, IAuditTrail audit,
    ILogger<UploadLetterEmblemHandler> logger)
{
    public const long MaxBytes = 1024 * 1024;
    public const int MinPixels = 32, MaxPixels = 4000;

    public async Task<LetterTemplate> HandleAsync(Actor actor, string officeId, UploadedFile? file, CancellationToken cancellationToken = default)
    {
        officeId = await LetterAccess.VisibleOfficeAsync(actor, officeId, documents, cancellationToken);
        if (!actor.AdministersOffice(officeId)) throw DocSignProblem.Forbidden("Hanya admin yang dapat mengganti lambang daerah pada kop surat.");
        if (file is null || file.Length == 0) throw DocSignProblem.Invalid("Unggah lambang daerah (PNG atau JPEG) pada isian 'file'.");
        if (file.Length > MaxBytes) throw new DocSignProblem(ProblemKind.TooLarge, $"Lambang terlalu besar; paling besar {MaxBytes / 1024} KB.");
        var template = await LetterAccess.Guard(() => register.FindTemplateAsync(officeId, cancellationToken))
            ?? throw new DocSignProblem(ProblemKind.Conflict, "Kantor ini belum memiliki pengaturan surat; simpan pengaturan surat terlebih dahulu, lalu unggah lambang.");

        var bytes = new byte[file.Length];
        file.Content.Position = 0;
        await file.Content.ReadExactlyAsync(bytes, cancellationToken);
        var (contentType, extension, width, height) = Inspect(bytes)
            ?? throw DocSignProblem.Invalid("Lambang harus berupa gambar PNG atau JPEG yang utuh.");
        if (width < MinPixels || height < MinPixels || width > MaxPixels || height > MaxPixels)
            throw DocSignProblem.Invalid($"Ukuran lambang {width} × {height} piksel; harus antara {MinPixels} dan {MaxPixels} piksel per sisi.");
        if (!renderer.CanDrawImage(bytes))
            throw DocSignProblem.Invalid("Gambar lambang tidak dapat dibaca (rusak atau jenis PNG/JPEG yang tidak didukung). Simpan ulang sebagai PNG biasa lalu unggah lagi.");

        var key = $"offices/{officeId}/lambang/{Guid.NewGuid():N}.{extension}";
        StoredObject stored;
        try { stored = await store.PutAsync(key, new MemoryStream(bytes, writable: false), cancellationToken); }
        catch (StorageUnavailableException e) { throw DocSignProblem.Unavailable(e); }
        template.EmblemKey = key;
        template.EmblemSha256 = stored.Sha256;
        template.EmblemContentType = contentType;
        audit.Record(new AuditEvent(AuditActions.AdminChange) { OfficeId = officeId, Sha256 = stored.Sha256, Detail = $"letter emblem uploaded ({contentType}, {width}x{height})" });
        await LetterAccess.Guard(async () => { await register.SaveTemplateAsync(template, isNew: false, cancellationToken); return true; });
        logger.LogInformation("Letter emblem of {Office} replaced ({Width}x{Height} {Type})", officeId, width, height, contentType);
        return template;
    }

    /// <summary>Type and pixel size from the image's own header; null when it is neither a whole PNG nor a whole JPEG.</summary>
    public static (string ContentType, string Extension, int Width, int Height)? Inspect(ReadOnlySpan<byte> b)
    {
        ReadOnlySpan<byte> png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (b.Length > 33 && b[..8].SequenceEqual(png) && b.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            var w = BinaryPrimitives.ReadInt32BigEndian(b.Slice(16, 4));
            var h = BinaryPrimitives.ReadInt32BigEndian(b.Slice(20, 4));
            return b.IndexOf("IEND"u8) > 0 ? ("image/png", "png", w, h) : null;
        }
        if (b.Length > 4 && b[0] == 0xFF && b[1] == 0xD8 && b[^2] == 0xFF && b[^1] == 0xD9)
        {
            // Walk the markers to the first frame header (SOF0-SOF3), which carries height and width.
            var i = 2;
            while (i + 9 < b.Length && b[i] == 0xFF)
            {
                var marker = b[i + 1];
                var length = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i + 2, 2));
                if (marker is >= 0xC0 and <= 0xC3)
                    return ("image/jpeg", "jpg", BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i + 7, 2)), BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i + 5, 2)));
                i += 2 + length;
            }
        }
        return null;
    }
}
