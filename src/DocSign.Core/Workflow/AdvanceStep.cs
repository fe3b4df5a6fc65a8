using DocSign.Core.Calendar;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

public sealed record AdvanceStepRequest(Guid DocumentId, string? StepId, string? Note, int? VersionNumber);

/// <summary>The person holding the current step marks it done (with a note and the version it produced) and the SOP moves on.</summary>
public sealed class AdvanceStepHandler(
    IDocumentRepository documents,
    IWorkflowRepository workflows,
    IAuditTrail audit,
    OfficeCalendars calendars,
    Letters.LetterStepGuard letterGuard,
    TimeProvider clock,
    ILogger<AdvanceStepHandler> logger)
{
    public async Task<WorkflowTimeline> HandleAsync(Actor actor, AdvanceStepRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(request.StepId))
            throw Problems.DocSignProblem.Invalid("Sebutkan langkah yang diselesaikan (stepId).");
        var context = await WorkflowAccess.LoadAsync(documents, workflows, actor, request.DocumentId, cancellationToken);
        var calendar = await calendars.ForOfficeAsync(context.Document.OfficeId, cancellationToken);
        if (context.Instance.CurrentStep(context.Sop) is { } current && current.Id == request.StepId.Trim() && context.Mapping.MayAct(actor, current))
            await letterGuard.RequireOutputAsync(context.Sop, current, context.Document.Id, cancellationToken);   // the step's letter is its output
        var entry = context.Instance.Advance(context.Sop, context.Mapping, context.Document, actor, request.StepId.Trim(), request.Note,
            request.VersionNumber, clock.GetUtcNow(), calendar);
        var step = context.Sop.FindStep(entry.StepId)!;
        audit.Record(new AuditEvent(entry.Kind == WorkflowLogKinds.Submitted ? AuditActions.Submitted : AuditActions.StepAdvanced)
        {
            OfficeId = context.Document.OfficeId, DocumentId = context.Document.Id, VersionNumber = entry.VersionNumber,
            Sha256 = context.Document.Versions.FirstOrDefault(v => v.Number == entry.VersionNumber)?.Sha256,
            Detail = $"Langkah {step.Number} ({step.Action}) selesai",
        });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        logger.LogInformation("Workflow step {Step} of document {DocumentId} done by {User}", step.Id, context.Document.Id, actor.UserName);
        return WorkflowTimeline.From(context, clock.GetUtcNow());
    }
}
