using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Signing;
using DocSign.Core.Verification;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Letters;

/// <summary>What the public page behind a letter's QR code shows: which letter of which office, its state and the verdict of the stored signed file. Never its content.</summary>
public sealed record PublicLetter(
    string Number, DateOnly Date, string OfficeName, LetterStatus Status, string? VoidReason, string Sha256, long Size,
    string Verdict, string? Signer, string? Issuer, DateTimeOffset? SignedAt, DateTimeOffset CheckedAt, IReadOnlyList<string> Messages);

/// <summary>
/// Anyone holding a letter's QR code (no sign-in): the letter's number, date, office and state, and the current verdict
/// of the signed PDF DocSign stored (re-verified, reused briefly). A letter that was only reserved, or that does not
/// exist, gets the same 404.
/// </summary>
public sealed class GetPublicLetterHandler(
    ILetterRegister register, ISignatureRecords records, IObjectStore store, IPdfVerifier verifier, VerdictCache verdicts,
    ILogger<GetPublicLetterHandler> logger)
{
    public async Task<PublicLetter> HandleAsync(string id, CancellationToken cancellationToken = default)
    {
        const string missing = "Surat dengan kode ini tidak dikenal. Periksa kembali kode QR atau alamatnya.";
        if (!Guid.TryParseExact(id, "N", out var letterId)) throw DocSignProblem.NotFound(missing);
        var letter = await LetterAccess.Guard(() => register.FindAsync(letterId, cancellationToken));
        if (letter?.ObjectKey is not { } key || letter.Sha256 is null) throw DocSignProblem.NotFound(missing);
        var officeName = await LetterAccess.Guard(() => records.OfficeNameAsync(letter.OfficeId, cancellationToken)) ?? letter.OfficeId;

        VerificationResult verification;
        DateTimeOffset checkedAt;
        try
        {
            (verification, checkedAt) = await verdicts.GetOrVerifyAsync("surat:" + id, key, store, verifier, cancellationToken);
        }
        catch (StorageUnavailableException e) { throw DocSignProblem.Unavailable(e); }
        catch (ObjectNotFoundException e)
        {
            logger.LogError(e, "Object of letter {Number} ({Id}) is missing", letter.Number, letter.Id);
            throw new DocSignProblem(ProblemKind.Unavailable, "Berkas surat tidak dapat dibaca dari penyimpanan. Hubungi kantor penerbit.", e);
        }
        var first = verification.Signatures.FirstOrDefault();
        return new PublicLetter(letter.Number, letter.LetterDate, officeName, letter.Status, letter.VoidReason, letter.Sha256, letter.Size ?? 0,
            verification.Verdict, first?.SignerName, first?.Issuer, first?.TimestampTime ?? first?.ClaimedSigningTime, checkedAt,
            verification.Messages.Where(m => m.Length > 0).Take(10).ToList());
    }
}
