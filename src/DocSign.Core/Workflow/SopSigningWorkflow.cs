using DocSign.Core.Calendar;
using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Signing;

namespace DocSign.Core.Workflow;

/// <summary>
/// The SOP as the signing use cases see it (<see cref="ISigningWorkflow"/>): a document that runs its office's SOP
/// can be signed only on the sign step, by the step's holder, on the final version submitted to him (or the
/// paraf'd copy of it); the signature is recorded on that step and the SOP moves on. Documents outside any SOP
/// (kinds the office runs no template for) keep the stage rule of <see cref="StageSigningWorkflow"/>.
/// </summary>
public sealed class SopSigningWorkflow(
    IWorkflowRepository workflows,
    OfficeCalendars calendars,
    TimeProvider clock) : ISigningWorkflow
{
    private readonly StageSigningWorkflow _withoutSop = new();

    public async Task<int?> PendingVersionAsync(Document document, SignatureKind kind, CancellationToken cancellationToken = default)
    {
        var instance = await WorkflowAccess.Database(() => workflows.FindByDocumentAsync(document.Id, cancellationToken));
        if (instance is null) return await _withoutSop.PendingVersionAsync(document, kind, cancellationToken);

        var sop = await WorkflowAccess.Database(() => SopCatalog.FindAsync(workflows, instance.TemplateKey, cancellationToken));
        if (sop is null || instance.CurrentStep(sop) is not { IsSign: true } || instance.SubmittedVersionNumber is not { } submitted)
            return null;
        var latest = document.Versions.OrderByDescending(v => v.Number).First();
        return kind switch
        {
            // The Camat signs the paraf'd copy when there is one, else the submitted final version itself.
            SignatureKind.Sign when latest.Stage == VersionStage.Paraf && latest.Number > submitted => latest.Number,
            SignatureKind.Sign => submitted,
            // A paraf goes on the submitted version, once, before anything newer exists.
            SignatureKind.Paraf when latest.Number == submitted => submitted,
            _ => null,
        };
    }

    public async Task RecordAsync(Actor actor, Document document, SignatureKind kind, DocumentVersion signedVersion, SignatureRecord record,
        CancellationToken cancellationToken = default)
    {
        // A paraf is an approval on the way to the sign step, not a step of its own: the signature record and the
        // audit trail keep it; the SOP stays on the sign step.
        if (kind != SignatureKind.Sign) return;
        var instance = await WorkflowAccess.Database(() => workflows.FindByDocumentAsync(document.Id, cancellationToken));
        if (instance is null) return;
        var mapping = await WorkflowAccess.Database(() => workflows.FindOfficeWorkflowAsync(document.OfficeId, cancellationToken))
            ?? throw new InvalidOperationException($"Workflow {instance.Id} without an office workflow for {document.OfficeId}.");
        var sop = await WorkflowAccess.Database(() => SopCatalog.FindAsync(workflows, instance.TemplateKey, cancellationToken))
            ?? throw new InvalidOperationException($"Workflow {instance.Id} names unknown template '{instance.TemplateKey}'.");
        // The signing use case's own document (with the signed version just appended), not a fresh load; staged
        // only: the signing use case saves the step log with the signed version, or neither.
        var calendar = await calendars.ForOfficeAsync(document.OfficeId, cancellationToken);
        instance.RecordSignature(sop, mapping, document, actor, signedVersion.Number, null, clock.GetUtcNow(), calendar);
    }
}
