using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Workflow;

/// <summary>A document with its workflow, template and role mapping, loaded for one request.</summary>
public sealed record WorkflowContext(Document Document, WorkflowInstance Instance, SopDefinition Sop, OfficeWorkflow Mapping);

internal static class WorkflowAccess
{
    /// <summary>
    /// Loads what a workflow call needs. A document the actor may not read is a 404 exactly like a missing one;
    /// a readable document that runs no SOP is a 404 with its own message.
    /// </summary>
    public static async Task<WorkflowContext> LoadAsync(IDocumentRepository documents, IWorkflowRepository workflows, Actor actor, Guid documentId,
        CancellationToken cancellationToken)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken);
        var instance = await Database(() => workflows.FindByDocumentAsync(documentId, cancellationToken))
            ?? throw DocSignProblem.NotFound("Dokumen ini tidak berjalan pada alur SOP kantor.");
        var mapping = await Database(() => workflows.FindOfficeWorkflowAsync(document.OfficeId, cancellationToken))
            ?? throw new InvalidOperationException($"Workflow {instance.Id} without an office workflow for {document.OfficeId}.");
        var sop = await Database(() => SopCatalog.FindAsync(workflows, instance.TemplateKey, cancellationToken))
            ?? throw new InvalidOperationException($"Workflow {instance.Id} names unknown template '{instance.TemplateKey}'.");
        // A workflow keeps the SOP version it started on (stored versions never change), even after the office adapted
        // its SOP; the mapping keeps the rows of roles an older version still names.
        return new WorkflowContext(document, instance, sop, mapping);
    }

    public static Task<T> Database<T>(Func<Task<T>> call) => DatabaseGuard.RunAsync(call);

    public static Task SaveAsync(IWorkflowRepository workflows, CancellationToken cancellationToken) =>
        DatabaseGuard.RunAsync(() => workflows.SaveAsync(cancellationToken));
}
