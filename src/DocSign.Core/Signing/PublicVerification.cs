using System.Security.Cryptography;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Verification;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Signing;

/// <summary>What the public page behind a stamp's QR code shows. Never the document's content.</summary>
public sealed record PublicVerification(
    string PublicId, string OfficeId, string OfficeName, string DocumentTitle, int DocumentYear, string DocumentKind, int VersionNumber,
    SignatureKind Kind, string SignerName, string? Nip, string Jabatan, SigningAuthorityKind Authority, string? DecreeNumber,
    DateOnly? PeriodFrom, DateOnly? PeriodTo, string CertificateIssuer, DateTimeOffset SignedAt, DateTimeOffset? TimestampAt,
    SignatureLevel Level, string Sha256, long Size, string Verdict, string? Indication, string? SubIndication, DateTimeOffset CheckedAt,
    IReadOnlyList<string> Messages);

/// <summary>
/// Anyone holding the QR code (no sign-in): who signed which document of which office when, at what level, the
/// SHA-256 of the signed bytes, and the current verdict of the stored file (re-verified, reused briefly).
/// </summary>
public sealed class GetPublicVerificationHandler(
    ISignatureRecords records,
    IDocumentRepository documents,
    IObjectStore store,
    IPdfVerifier verifier,
    VerdictCache verdicts,
    ILogger<GetPublicVerificationHandler> logger)
{
    public async Task<PublicVerification> HandleAsync(string publicId, CancellationToken cancellationToken = default)
    {
        var (record, document, version) = await PublicSignature.LoadAsync(records, documents, publicId, cancellationToken);
        var officeName = await records.OfficeNameAsync(record.OfficeId, cancellationToken) ?? record.OfficeId;

        VerificationResult verification;
        DateTimeOffset checkedAt;
        try
        {
            (verification, checkedAt) = await verdicts.GetOrVerifyAsync(publicId, version.ObjectKey, store, verifier, cancellationToken);
        }
        catch (StorageUnavailableException e) { throw DocSignProblem.Unavailable(e); }
        catch (ObjectNotFoundException e)
        {
            logger.LogError(e, "Object of signed version {Number} of document {DocumentId} is missing", version.Number, document.Id);
            throw new DocSignProblem(ProblemKind.Unavailable, "Berkas bertanda tangan tidak dapat dibaca dari penyimpanan. Hubungi kantor penerbit.", e);
        }
        var mine = verification.Signatures.FirstOrDefault(s => s.Field == record.FieldName);
        var messages = verification.Messages.Where(x => x.Length > 0).Take(10).ToList();

        return new PublicVerification(record.PublicId, record.OfficeId, officeName, document.Title, document.Year, document.Kind, version.Number,
            record.Kind, record.SignerName, record.Nip, record.Jabatan, record.Authority, record.DecreeNumber, record.PeriodFrom, record.PeriodTo,
            record.CertificateIssuer, record.SignedAt, mine?.TimestampTime ?? record.TimestampAt, record.Level, version.Sha256, version.Size,
            verification.Verdict, mine?.Indication, mine?.SubIndication, checkedAt, messages);
    }
}

/// <summary>How an uploaded copy relates to the signed version.</summary>
public enum CopyRelation
{
    /// <summary>Byte for byte the signed version.</summary>
    Identical,
    /// <summary>The signed version with later incremental updates appended (another signature, a timestamp renewal, or a change).</summary>
    LaterRevision,
    /// <summary>A prefix of the signed version: the document as it was before this signature.</summary>
    EarlierRevision,
    Different,
}

/// <param name="Verdict">For a later revision: the verification of the uploaded copy (are the later updates allowed?).</param>
public sealed record CopyComparison(CopyRelation Relation, string UploadSha256, long UploadSize, string SignedSha256, long SignedSize, string Message, string? Verdict);

/// <summary>
/// A visitor uploads the copy he holds: is it exactly the signed version, a later revision of it, the document
/// before it was signed, or something else. Nothing is stored; the signed document is never sent back.
/// </summary>
public sealed class ComparePublicCopyHandler(
    ISignatureRecords records,
    IDocumentRepository documents,
    IObjectStore store,
    IPdfVerifier verifier,
    Microsoft.Extensions.Options.IOptions<SigningOptions> options)
{
    public async Task<CopyComparison> HandleAsync(string publicId, UploadedFile? file, CancellationToken cancellationToken = default)
    {
        var (_, _, version) = await PublicSignature.LoadAsync(records, documents, publicId, cancellationToken);
        if (file is null || file.Length == 0)
            throw DocSignProblem.Invalid("Lampirkan berkas PDF yang ingin dibandingkan pada isian 'file'.");
        if (file.Length > options.Value.MaxCompareBytes)
            throw new DocSignProblem(ProblemKind.TooLarge, $"Berkas terlalu besar untuk dibandingkan; paling besar {options.Value.MaxCompareBytes / (1024 * 1024)} MB.");

        file.Content.Position = 0;
        var uploadHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file.Content, cancellationToken));
        if (uploadHash == version.Sha256 && file.Length == version.Size)
            return new CopyComparison(CopyRelation.Identical, uploadHash, file.Length, version.Sha256, version.Size,
                "Berkas Anda identik (sama persis, bait demi bait) dengan dokumen yang ditandatangani.", null);

        if (file.Length > version.Size && await PrefixHashAsync(file.Content, version.Size, cancellationToken) == version.Sha256)
        {
            file.Content.Position = 0;
            string? verdict = null;
            try { verdict = (await verifier.VerifyAsync(file.Content, file.FileName, cancellationToken)).Verdict; }
            catch (DocSignProblem) { verdict = null; }
            return new CopyComparison(CopyRelation.LaterRevision, uploadHash, file.Length, version.Sha256, version.Size,
                "Berkas Anda memuat dokumen yang ditandatangani tanpa perubahan, ditambah revisi sesudahnya (misalnya tanda tangan atau stempel waktu lain). "
                + (verdict == "VALID" ? "Revisi sesudahnya tidak mengubah isi yang ditandatangani." : "Periksa revisi sesudahnya dengan verifikasi lengkap; hasilnya: " + (verdict ?? "tidak dapat diverifikasi") + "."),
                verdict);
        }

        if (file.Length < version.Size)
        {
            try
            {
                await using var signed = await store.OpenReadAsync(version.ObjectKey, cancellationToken);
                if (await PrefixHashAsync(signed, file.Length, cancellationToken) == uploadHash)
                    return new CopyComparison(CopyRelation.EarlierRevision, uploadHash, file.Length, version.Sha256, version.Size,
                        "Berkas Anda adalah dokumen sebelum ditandatangani pada versi ini (belum memuat tanda tangan ini).", null);
            }
            catch (StorageUnavailableException e) { throw DocSignProblem.Unavailable(e); }
        }
        return new CopyComparison(CopyRelation.Different, uploadHash, file.Length, version.Sha256, version.Size,
            "Berkas Anda BERBEDA dari dokumen yang ditandatangani. Jangan menganggapnya sebagai dokumen yang sah.", null);
    }

    private static async Task<string> PrefixHashAsync(Stream s, long length, CancellationToken ct)
    {
        if (s.CanSeek) s.Position = 0;
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        var left = length;
        while (left > 0)
        {
            var n = await s.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
            if (n == 0) return "";
            h.AppendData(buffer, 0, n);
            left -= n;
        }
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }
}

internal static class PublicSignature
{
    /// <summary>The record, its document and the signed version; one 404 for every way of not finding them.</summary>
    public static async Task<(SignatureRecord, Document, DocumentVersion)> LoadAsync(ISignatureRecords records, IDocumentRepository documents,
        string publicId, CancellationToken cancellationToken)
    {
        const string missing = "Tanda tangan dengan kode ini tidak dikenal. Periksa kembali kode QR atau alamatnya.";
        if (!StampText.IsPublicId(publicId)) throw DocSignProblem.NotFound(missing);
        try
        {
            var record = await records.FindByPublicIdAsync(publicId, cancellationToken) ?? throw DocSignProblem.NotFound(missing);
            var document = await documents.FindAsync(record.DocumentId, cancellationToken) ?? throw DocSignProblem.NotFound(missing);
            var version = document.Versions.FirstOrDefault(v => v.Number == record.VersionNumber) ?? throw DocSignProblem.NotFound(missing);
            return (record, document, version);
        }
        catch (DatabaseUnavailableException e) { throw DatabaseGuard.Unavailable(e); }
    }
}
