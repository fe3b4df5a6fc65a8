using DocSign.Core.Access;
using DocSign.Core.Ports;

namespace DocSign.Core.Workflow;

/// <summary>The document's SOP timeline, for whoever may read the document (its office, auditors), with whether the reader may act on the current step.</summary>
public sealed class GetTimelineHandler(IDocumentRepository documents, IWorkflowRepository workflows, TimeProvider clock)
{
    public async Task<WorkflowTimeline> HandleAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var context = await WorkflowAccess.LoadAsync(documents, workflows, actor, documentId, cancellationToken);
        var timeline = WorkflowTimeline.From(context, clock.GetUtcNow());
        return timeline.Current is { } current ? timeline with { MayActOnCurrent = context.Mapping.MayAct(actor, current.Step) } : timeline;
    }
}
