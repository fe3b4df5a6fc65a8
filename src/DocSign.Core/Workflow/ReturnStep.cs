using DocSign.Core.Calendar;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

public sealed record ReturnStepRequest(Guid DocumentId, string? StepId, string? Note);

/// <summary>The holder of the current step sends the document back one step with a note (the Sekcam returns a draft).</summary>
public sealed class ReturnStepHandler(
    IDocumentRepository documents,
    IWorkflowRepository workflows,
    IAuditTrail audit,
    OfficeCalendars calendars,
    TimeProvider clock,
    ILogger<ReturnStepHandler> logger,
    IActorDirectory? people = null)
{
    public async Task<WorkflowTimeline> HandleAsync(Actor actor, ReturnStepRequest request, CancellationToken cancellationToken = default)
    {
        var context = await WorkflowAccess.LoadAsync(documents, workflows, actor, request.DocumentId, cancellationToken);
        var calendar = await calendars.ForOfficeAsync(context.Document.OfficeId, cancellationToken);
        var name = people is null ? null : (await WorkflowAccess.Database(() => people.PersonAsync(actor.UserId, cancellationToken)))?.Name;
        var entry = context.Instance.Return(context.Sop, context.Mapping, actor, string.IsNullOrWhiteSpace(request.StepId) ? null : request.StepId.Trim(),
            request.Note, clock.GetUtcNow(), calendar, name);
        var step = context.Sop.FindStep(entry.StepId)!;
        audit.Record(new AuditEvent(AuditActions.StepReturned)
        {
            OfficeId = context.Document.OfficeId, DocumentId = context.Document.Id,
            Detail = $"Langkah {step.Number} dikembalikan ke langkah {step.Number - 1}: {entry.Note}",
        });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        logger.LogInformation("Workflow step {Step} of document {DocumentId} returned by {User}", step.Id, context.Document.Id, actor.UserName);
        return WorkflowTimeline.From(context, clock.GetUtcNow());
    }
}
