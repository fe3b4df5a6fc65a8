using DocSign.Core.Calendar;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

/// <summary>
/// <c>POST /api/documents/{id}/submit</c>: the role the SOP names (Sekcam or Kasubbag) puts the latest final
/// version to the Camat. The workflow records it as the submitted version and moves to the sign step.
/// </summary>
public sealed class SubmitDocumentHandler(
    IDocumentRepository documents,
    IWorkflowRepository workflows,
    IAuditTrail audit,
    OfficeCalendars calendars,
    TimeProvider clock,
    ILogger<SubmitDocumentHandler> logger)
{
    public async Task<WorkflowTimeline> HandleAsync(Actor actor, Guid documentId, string? note, CancellationToken cancellationToken = default)
    {
        var context = await WorkflowAccess.LoadAsync(documents, workflows, actor, documentId, cancellationToken);
        var step = context.Instance.CurrentStep(context.Sop);
        if (step is null || !step.IsSubmit)
        {
            // The right role on the wrong step learns where the document stands; anyone else is simply refused.
            var submitStep = context.Sop.Steps.FirstOrDefault(s => s.IsSubmit);
            if (submitStep is null || !context.Mapping.MayAct(actor, submitStep))
                throw DocSignProblem.Forbidden("Anda tidak berhak mengajukan dokumen ini kepada Camat.");
            throw new DocSignProblem(ProblemKind.Conflict, step is null
                ? "Alur SOP dokumen ini sudah selesai."
                : $"Dokumen belum sampai pada langkah pengajuan kepada Camat; langkah saat ini adalah langkah {step.Number}: {step.Text}");
        }
        var calendar = await calendars.ForOfficeAsync(context.Document.OfficeId, cancellationToken);
        var entry = context.Instance.Advance(context.Sop, context.Mapping, context.Document, actor, step.Id, note, null, clock.GetUtcNow(), calendar);
        var version = context.Document.Versions.First(v => v.Number == entry.VersionNumber);
        audit.Record(new AuditEvent(AuditActions.Submitted)
        {
            OfficeId = context.Document.OfficeId, DocumentId = context.Document.Id, VersionNumber = version.Number, Sha256 = version.Sha256,
            Detail = $"Versi final {version.Number} diajukan kepada Camat",
        });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        logger.LogInformation("Document {DocumentId} version {Version} submitted to the Camat by {User}", context.Document.Id, version.Number, actor.UserName);
        return WorkflowTimeline.From(context, clock.GetUtcNow());
    }
}
