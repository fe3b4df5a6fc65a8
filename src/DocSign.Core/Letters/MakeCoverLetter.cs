using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Letters;

/// <summary>
/// <c>POST /api/documents/{id}/cover-letter</c> and the "Buat surat pengantar" button: the holder of the SOP step that
/// names the letter (through the office's role mapping) makes it while that step runs; the Kasubag Umum may ask for one
/// at any time after signing (also where the SOP has no letter step). The letter is numbered by that person. Under the
/// office e-seal rule it is sealed and issued at once; under the Camat or Sekcam rule it waits, numbered, for that
/// person's own signature (<see cref="SignCoverLetterHandler"/>). Asking again returns the same letter.
/// </summary>
public sealed class MakeCoverLetterHandler(
    IDocumentRepository documents,
    LetterStepAccess steps,
    CreateCoverLetterHandler letters,
    ILogger<MakeCoverLetterHandler> logger)
{
    public async Task<Letter> HandleAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken);
        var rights = await steps.ForAsync(actor, document.OfficeId, document.Id, cancellationToken);
        if (!rights.MayMakeLetter)
        {
            var who = rights.SopHasLetterStep
                ? "Surat pengantar dibuat pada langkah SOP yang menyebutnya, oleh pemegang langkah itu (atau oleh Kasubag Umum)."
                : "SOP kantor ini tidak memuat surat pengantar; hanya Kasubag Umum yang dapat memintanya.";
            throw DocSignProblem.Forbidden(who).About(document.OfficeId, document.Id, "surat pengantar");
        }
        if (!document.Versions.Any(v => v.Stage == VersionStage.Signed))
            throw new DocSignProblem(ProblemKind.Conflict, "Dokumen belum ditandatangani Camat; surat pengantar dibuat sesudahnya.");

        ReservedCoverLetter reserved;
        try
        {
            reserved = await letters.ReserveAsync(document.Id, actor.UserName, cancellationToken)
                ?? throw DocSignProblem.NotFound("Dokumen tidak ditemukan.");
        }
        catch (DatabaseUnavailableException e) { throw DatabaseGuard.Unavailable(e); }
        if (reserved.Letter.Status != LetterStatus.Reserved || reserved.Template.Signer != LetterSigner.Seal) return reserved.Letter;
        try
        {
            return await letters.SealAsync(reserved, actor.UserName, cancellationToken);
        }
        catch (LetterSigningUnavailableException e)
        {
            logger.LogWarning("Surat pengantar {Number} numbered but not sealed: {Reason}", reserved.Letter.Number, e.Message);
            throw new DocSignProblem(ProblemKind.Unavailable,
                $"Nomor {reserved.Letter.Number} sudah diambil, tetapi segel elektronik kantor tidak dapat dipakai saat ini. Coba lagi nanti; nomornya tetap sama.", e);
        }
    }
}
