using DocSign.Core.Access;
using DocSign.Core.Ports;

namespace DocSign.Core.Workflow;

/// <summary>The document's SOP timeline, for whoever may read the document (its office, auditors).</summary>
public sealed class GetTimelineHandler(IDocumentRepository documents, IWorkflowRepository workflows, TimeProvider clock)
{
    public async Task<WorkflowTimeline> HandleAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var context = await WorkflowAccess.LoadAsync(documents, workflows, actor, documentId, cancellationToken);
        return WorkflowTimeline.From(context, clock.GetUtcNow());
    }
}
