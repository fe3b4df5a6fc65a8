using DocSign.Core.Calendar;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

/// <summary>
/// Starts a document's run through its office's SOP: when a document of a kind the office's template governs
/// (e.g. <c>lkjip</c>) is created, or later on request for a document created before the office adopted a SOP.
/// </summary>
public sealed class StartWorkflowHandler(
    IDocumentRepository documents,
    IWorkflowRepository workflows,
    IAuditTrail audit,
    OfficeCalendars calendars,
    TimeProvider clock,
    ILogger<StartWorkflowHandler> logger)
{
    /// <summary>
    /// Stages the workflow of a new document in the same unit of work as the document (the caller's save commits
    /// both); returns null when the office runs no SOP for this kind of document.
    /// </summary>
    public async Task<WorkflowInstance?> StageForNewDocumentAsync(Document document, Actor actor, CancellationToken cancellationToken = default)
    {
        var office = await workflows.FindOfficeWorkflowAsync(document.OfficeId, cancellationToken);
        var sop = await SopCatalog.FindAsync(workflows, office?.TemplateKey, cancellationToken);
        if (office is null || sop is null || !sop.Governs(document.Kind)) return null;
        var calendar = await calendars.ForOfficeAsync(document.OfficeId, cancellationToken);
        var instance = WorkflowInstance.Start(sop, document, actor, clock.GetUtcNow(), calendar);
        workflows.AddInstance(instance);
        audit.Record(new AuditEvent(AuditActions.WorkflowStarted)
        {
            OfficeId = document.OfficeId, DocumentId = document.Id, Detail = $"SOP {sop.Number}, langkah 1",
        });
        logger.LogInformation("Workflow {Template} staged for new document {DocumentId}", sop.Key, document.Id);
        return instance;
    }

    /// <summary>Starts the SOP for an existing document of the office (office staff); refused when one already runs.</summary>
    public async Task<WorkflowContext> HandleAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken);
        if (!actor.IsStaffOf(document.OfficeId))
            throw DocSignProblem.Forbidden("Hanya staf kantor yang dapat memulai alur SOP dokumen ini.");
        if (await WorkflowAccess.Database(() => workflows.FindByDocumentAsync(documentId, cancellationToken)) is not null)
            throw new DocSignProblem(ProblemKind.Conflict, "Alur SOP dokumen ini sudah berjalan.");
        var office = await WorkflowAccess.Database(() => workflows.FindOfficeWorkflowAsync(document.OfficeId, cancellationToken));
        var sop = await WorkflowAccess.Database(() => SopCatalog.FindAsync(workflows, office?.TemplateKey, cancellationToken));
        if (office is null || sop is null)
            throw new DocSignProblem(ProblemKind.Conflict, "Kantor ini belum memilih templat SOP.");
        if (!sop.Governs(document.Kind))
            throw DocSignProblem.Invalid($"SOP {sop.Number} berlaku untuk dokumen jenis {string.Join(", ", sop.DocumentKinds)}, bukan '{document.Kind}'.");
        var calendar = await calendars.ForOfficeAsync(document.OfficeId, cancellationToken);
        var instance = WorkflowInstance.Start(sop, document, actor, clock.GetUtcNow(), calendar);
        workflows.AddInstance(instance);
        audit.Record(new AuditEvent(AuditActions.WorkflowStarted) { OfficeId = document.OfficeId, DocumentId = document.Id, Detail = $"SOP {sop.Number}" });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        logger.LogInformation("Workflow {Template} started for document {DocumentId} by {User}", sop.Key, document.Id, actor.UserName);
        return new WorkflowContext(document, instance, sop, office);
    }
}
