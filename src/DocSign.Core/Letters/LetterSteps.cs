using DocSign.Core.Access;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;

namespace DocSign.Core.Letters;

/// <summary>
/// Where a SOP handles the surat pengantar: the step that makes and numbers it (action <c>cover-letter</c> or
/// <c>numbering</c>) and the step that sends it (<c>send</c>, in a SOP that has a letter step). A SOP without a
/// letter step (Lumajang, Pronojiwo) makes no letter unless someone asks for one.
/// </summary>
public static class SopLetterSteps
{
    public static bool Makes(SopStep step) => step.Has(WorkflowActions.CoverLetter) || step.Has(WorkflowActions.Numbering);

    public static bool HasLetterStep(SopDefinition sop) => sop.Steps.Any(Makes);

    /// <summary>The step sends the letter: a <c>send</c> step in a SOP that makes a letter.</summary>
    public static bool Sends(SopDefinition sop, SopStep step) => step.Has(WorkflowActions.Send) && HasLetterStep(sop);

    /// <summary>The SOP's letter steps: those that make, number, copy or send the letter.</summary>
    public static IEnumerable<SopStep> All(SopDefinition sop) => HasLetterStep(sop)
        ? sop.Steps.Where(s => Makes(s) || s.Has(WorkflowActions.Send) || s.Has(WorkflowActions.Copy))
        : [];
}

/// <summary>What the document's SOP says about its letter, for one actor.</summary>
public sealed record LetterStepRights(bool SopHasLetterStep, bool HoldsLetterStep, bool IsKasubagUmum, SopStep? CurrentMakingStep = null, bool HoldsCurrentMakingStep = false)
{
    /// <summary>
    /// Make (number) the letter: the holder of the SOP step that makes it while that step runs; the Kasubag Umum at any
    /// time after signing (which is also how a letter is asked for where the SOP has no letter step).
    /// </summary>
    public bool MayMakeLetter => IsKasubagUmum || HoldsCurrentMakingStep;

    /// <summary>Dispatch and void: the Kasubag Umum (as always) and whoever the SOP names for a letter step.</summary>
    public bool MayHandleLetter => IsKasubagUmum || HoldsLetterStep;
}

/// <summary>Reads the office's SOP and role mapping to tell who the SOP names for a document's letter steps.</summary>
public sealed class LetterStepAccess(IWorkflowRepository workflows)
{
    public async Task<LetterStepRights> ForAsync(Actor actor, string officeId, Guid? documentId, CancellationToken cancellationToken = default)
    {
        var kasubagUmum = actor.HasRole(officeId, OfficeRole.KasubagUmum);
        var instance = documentId is { } id ? await DatabaseGuard.RunAsync(() => workflows.FindByDocumentAsync(id, cancellationToken)) : null;
        var mapping = await DatabaseGuard.RunAsync(() => workflows.FindOfficeWorkflowAsync(officeId, cancellationToken));
        var key = instance?.TemplateKey ?? mapping?.TemplateKey;
        var sop = key is null ? null : SopTemplateLoader.Find(key);
        if (sop is null || mapping is null) return new LetterStepRights(false, false, kasubagUmum);
        var holds = SopLetterSteps.All(sop).Any(s => mapping.MayAct(actor, s));
        var current = instance?.CurrentStep(sop) is { } step && SopLetterSteps.Makes(step) ? step : null;
        return new LetterStepRights(SopLetterSteps.HasLetterStep(sop), holds, kasubagUmum, current, current is not null && mapping.MayAct(actor, current));
    }
}

/// <summary>
/// The letter is the output of its SOP step: the step that makes the letter cannot be completed until the letter is
/// signed (issued), and the step that sends it until its dispatch is recorded. Steps of SOPs without a letter step,
/// and steps that do not handle the letter, pass.
/// </summary>
public sealed class LetterStepGuard(ILetterRegister register)
{
    public async Task RequireOutputAsync(SopDefinition sop, SopStep step, Guid documentId, CancellationToken cancellationToken = default)
    {
        var makes = SopLetterSteps.Makes(step);
        var sends = SopLetterSteps.Sends(sop, step);
        if (!makes && !sends) return;
        var letters = await DatabaseGuard.RunAsync(() => register.ListForDocumentAsync(documentId, cancellationToken));
        var letter = letters.Where(l => l.Kind == LetterKinds.CoverLetter && l.Status != LetterStatus.Void).MaxBy(l => l.ReservedAt);
        if (letter is null)
            throw new DocSignProblem(ProblemKind.Conflict, $"Langkah {step.Number} menghasilkan surat pengantar. Buat surat pengantar dahulu (tombol \"Buat surat pengantar\"), lalu selesaikan langkah ini.");
        if (letter.Status == LetterStatus.Reserved)
            throw new DocSignProblem(ProblemKind.Conflict, $"Surat pengantar {letter.Number} sudah bernomor tetapi belum ditandatangani; langkah {step.Number} menunggu tanda tangannya.");
        if (sends && letter.Status != LetterStatus.Dispatched)
            throw new DocSignProblem(ProblemKind.Conflict, $"Catat pengiriman surat pengantar {letter.Number} dahulu, lalu selesaikan langkah {step.Number}.");
    }
}
