using DocSign.Core.Access;
using DocSign.Core.Ports;

namespace DocSign.Core.Workflow;

/// <summary>One SOP step with the documents now standing at it (or, for the end, those completed).</summary>
public sealed record StageGroup(string? StepId, int? StepNumber, string Label, IReadOnlyList<WorkflowSummary> Documents);

/// <summary>A dashboard view: an office's documents grouped by the SOP step they stand at, in SOP order, then the completed ones.</summary>
public sealed class DocumentsByStageHandler(IWorkflowRepository workflows, IDocumentRepository documents)
{
    public const int MaxDocuments = 1000;

    public async Task<IReadOnlyList<StageGroup>> HandleAsync(Actor actor, string? office, CancellationToken cancellationToken = default)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        var mapping = await WorkflowAccess.Database(() => workflows.FindOfficeWorkflowAsync(officeId, cancellationToken));
        var sop = await WorkflowAccess.Database(() => SopCatalog.FindAsync(workflows, mapping?.TemplateKey, cancellationToken));
        var all = await WorkflowAccess.Database(() => workflows.ListAsync([officeId], runningOnly: false, MaxDocuments, cancellationToken));
        var groups = new List<StageGroup>();
        if (sop is not null)
        {
            foreach (var step in sop.Steps)
                groups.Add(new StageGroup(step.Id, step.Number, step.Text,
                    all.Where(s => s.Instance.Status == WorkflowStatus.Running && s.Instance.TemplateKey == sop.Key && s.Instance.CurrentStepId == step.Id).ToList()));
        }
        groups.Add(new StageGroup(null, null, "Selesai", all.Where(s => s.Instance.Status == WorkflowStatus.Completed).ToList()));
        return groups;
    }
}
