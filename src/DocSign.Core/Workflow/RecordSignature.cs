using DocSign.Core.Calendar;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

/// <summary>
/// The seam between signing and the SOP. The signing use case first asks <see cref="EnsureMaySignAsync"/>
/// (the sign step is current, the actor holds it, which final version was submitted), signs that version, stores
/// the signed version, then calls <see cref="HandleAsync"/> to record the signature in the step log and move on.
/// </summary>
public sealed class RecordSignatureHandler(
    IDocumentRepository documents,
    IWorkflowRepository workflows,
    OfficeCalendars calendars,
    TimeProvider clock,
    ILogger<RecordSignatureHandler> logger)
{
    /// <summary>The document and the submitted final version the actor may sign now; a refusal changes nothing.</summary>
    public async Task<(Document Document, DocumentVersion Submitted)> EnsureMaySignAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var context = await WorkflowAccess.LoadAsync(documents, workflows, actor, documentId, cancellationToken);
        var number = context.Instance.EnsureMaySign(context.Sop, context.Mapping, actor);
        return (context.Document, context.Document.Versions.First(v => v.Number == number));
    }

    /// <summary>
    /// Records the signature (the signed version's number) on the sign step and moves to the next step. Saves the
    /// workflow together with whatever else the caller staged in the same unit of work (e.g. its audit event).
    /// </summary>
    public async Task<WorkflowTimeline> HandleAsync(Actor actor, Guid documentId, int signedVersionNumber, string? note = null,
        CancellationToken cancellationToken = default)
    {
        var context = await WorkflowAccess.LoadAsync(documents, workflows, actor, documentId, cancellationToken);
        var calendar = await calendars.ForOfficeAsync(context.Document.OfficeId, cancellationToken);
        context.Instance.RecordSignature(context.Sop, context.Mapping, context.Document, actor, signedVersionNumber, note, clock.GetUtcNow(), calendar);
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        logger.LogInformation("Signature (version {Version}) recorded in the workflow of document {DocumentId}", signedVersionNumber, documentId);
        return WorkflowTimeline.From(context, clock.GetUtcNow());
    }
}
