using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Workflow;

namespace DocSign.Core.Letters;

/// <summary>
/// The surat pengantar as the document page shows it: the letter (newest that is not void), the SOP step that makes
/// it, who signs it under the office's rule, and what the reader may do (make it, sign it, dispatch it).
/// </summary>
public sealed record CoverLetterPanel(
    Letter? Letter, SopStep? MakingStep, LetterSigner Rule, bool DocumentSigned, LetterStepRights Rights, bool MaySign)
{
    public bool MayMake => Letter is null && DocumentSigned && Rights.MayMakeLetter;

    /// <summary>Worth showing: the SOP names a letter, or there is one, or the reader may ask for one.</summary>
    public bool Visible => Letter is not null || Rights.SopHasLetterStep || MayMake;
}

public sealed class GetCoverLetterPanelHandler(IDocumentRepository documents, ILetterRegister register, LetterStepAccess steps, IWorkflowRepository workflows)
{
    public async Task<CoverLetterPanel> HandleAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken);
        var rights = await steps.ForAsync(actor, document.OfficeId, document.Id, cancellationToken);
        var letters = await LetterAccess.Guard(() => register.ListForDocumentAsync(document.Id, cancellationToken));
        var letter = letters.Where(l => l.Kind == LetterKinds.CoverLetter && l.Status != LetterStatus.Void).MaxBy(l => l.ReservedAt);
        var template = await LetterAccess.Guard(() => register.FindTemplateAsync(document.OfficeId, cancellationToken));
        var rule = template?.Signer ?? LetterSigner.Seal;
        var instance = await LetterAccess.Guard(() => workflows.FindByDocumentAsync(document.Id, cancellationToken));
        var sop = instance is null ? null : SopTemplateLoader.Find(instance.TemplateKey);
        var making = sop?.Steps.FirstOrDefault(SopLetterSteps.Makes);
        var maySign = letter?.Status == LetterStatus.Reserved
            && ((rule == LetterSigner.Camat && actor.HasRole(document.OfficeId, Offices.OfficeRole.Camat))
                || (rule == LetterSigner.Sekcam && actor.HasRole(document.OfficeId, Offices.OfficeRole.Sekcam)));
        return new CoverLetterPanel(letter, making, rule, document.Versions.Any(v => v.Stage == VersionStage.Signed), rights, maySign);
    }
}
