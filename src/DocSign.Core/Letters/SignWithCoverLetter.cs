using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Core.Signing;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Letters;

/// <summary>The signed document, and its surat pengantar when it was signed in the same sitting (or why it was not).</summary>
public sealed record SittingResult(SignDocumentResult Document, Letter? CoverLetter, string? CoverLetterProblem);

/// <summary>
/// "Tandatangani LKjIP beserta surat pengantarnya": in one action, with one passphrase entry, the Camat signs the
/// document and then its surat pengantar (two signatures). The letter is numbered at that moment, by the Camat. Only
/// where the office's rule names the Camat as the letter's signer, and only with a passphrase (a BSrE TOTP is good for
/// one signature). If the letter fails after the document was signed, the document stays signed and the letter keeps
/// its number, waiting for the Camat's signature on the letter's page; the result says why.
/// </summary>
public sealed class SignWithCoverLetterHandler(
    IDocumentRepository documents,
    SignDocumentHandler sign,
    CreateCoverLetterHandler letters,
    SignCoverLetterHandler signLetter,
    ILetterRegister register,
    ILogger<SignWithCoverLetterHandler> logger)
{
    public async Task<SittingResult> HandleAsync(Actor actor, SignDocumentRequest request, bool withCoverLetter, CancellationToken cancellationToken = default)
    {
        if (!withCoverLetter) return new SittingResult(await sign.HandleAsync(actor, request, cancellationToken), null, null);
        if (request.Kind != SignatureKind.Sign)
            throw DocSignProblem.Invalid("Surat pengantar ditandatangani bersama tanda tangan Camat, bukan bersama paraf.");
        if (!string.IsNullOrEmpty(request.Totp))
            throw DocSignProblem.Invalid("Kode TOTP hanya berlaku untuk satu tanda tangan; tandatangani dengan passphrase untuk menandatangani surat pengantar sekaligus.");
        var documentOffice = (await DocumentAccess.LoadReadableAsync(documents, actor, request.DocumentId, cancellationToken)).OfficeId;
        var template = await LetterAccess.Guard(() => register.FindTemplateAsync(documentOffice, cancellationToken));
        if (template?.Signer != LetterSigner.Camat || !actor.HasRole(documentOffice, OfficeRole.Camat))
            throw new DocSignProblem(ProblemKind.Conflict,
                "Menurut aturan kantor ini, surat pengantar tidak ditandatangani Camat bersama dokumennya. Tidak ada yang ditandatangani.");

        var signed = await sign.HandleAsync(actor, request, cancellationToken);
        try
        {
            var reserved = await LetterAccess.Guard(() => letters.ReserveAsync(request.DocumentId, actor.UserName, cancellationToken))
                ?? throw DocSignProblem.NotFound();
            var letter = await signLetter.SignAsync(actor, reserved, request.Passphrase, null, cancellationToken);
            return new SittingResult(signed, letter, null);
        }
        catch (DocSignProblem problem)
        {
            logger.LogWarning("Document {DocumentId} signed, its surat pengantar not: {Reason}", request.DocumentId, problem.UserMessage);
            return new SittingResult(signed, null, problem.UserMessage);
        }
    }
}
