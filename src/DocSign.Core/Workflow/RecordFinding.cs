using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

/// <summary>The reviewer (Inspektorat, mapped to the review step) records a review finding on the document.</summary>
public sealed class RecordFindingHandler(
    IDocumentRepository documents,
    IWorkflowRepository workflows,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<RecordFindingHandler> logger)
{
    public async Task<ReviewFinding> HandleAsync(Actor actor, Guid documentId, string? text, CancellationToken cancellationToken = default)
    {
        var context = await WorkflowAccess.LoadAsync(documents, workflows, actor, documentId, cancellationToken);
        var finding = context.Instance.RecordFinding(context.Sop, context.Mapping, actor, text, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.FindingRecorded)
        {
            OfficeId = context.Document.OfficeId, DocumentId = documentId, Detail = $"Catatan reviu #{finding.Number}",
        });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        logger.LogInformation("Review finding {Number} on document {DocumentId} recorded by {User}", finding.Number, documentId, actor.UserName);
        return finding;
    }
}
