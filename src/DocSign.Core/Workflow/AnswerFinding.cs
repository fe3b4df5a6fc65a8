using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

public sealed record AnswerFindingRequest(Guid DocumentId, Guid FindingId, int? VersionNumber, string? Note);

/// <summary>Office staff answer a review finding with the corrected version that addresses it and a note.</summary>
public sealed class AnswerFindingHandler(
    IDocumentRepository documents,
    IWorkflowRepository workflows,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<AnswerFindingHandler> logger)
{
    public async Task<ReviewFinding> HandleAsync(Actor actor, AnswerFindingRequest request, CancellationToken cancellationToken = default)
    {
        var context = await WorkflowAccess.LoadAsync(documents, workflows, actor, request.DocumentId, cancellationToken);
        var finding = context.Instance.AnswerFinding(context.Sop, context.Document, actor, request.FindingId, request.VersionNumber, request.Note, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.FindingAnswered)
        {
            OfficeId = context.Document.OfficeId, DocumentId = request.DocumentId, VersionNumber = finding.AnswerVersionNumber,
            Sha256 = context.Document.Versions.First(v => v.Number == finding.AnswerVersionNumber).Sha256,
            Detail = $"Jawaban catatan reviu #{finding.Number}",
        });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        logger.LogInformation("Review finding {Number} on document {DocumentId} answered by {User}", finding.Number, request.DocumentId, actor.UserName);
        return finding;
    }
}
