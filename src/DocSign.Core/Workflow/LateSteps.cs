using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Offices;

namespace DocSign.Core.Workflow;

/// <summary>An office's steps past their deadline and who holds them, for its members and administrators.</summary>
public sealed class LateStepsHandler(IWorkflowRepository workflows, IDocumentRepository documents, TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkflowTask>> HandleAsync(Actor actor, string? office, CancellationToken cancellationToken = default)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        var now = clock.GetUtcNow();
        var mapping = await WorkflowAccess.Database(() => workflows.FindOfficeWorkflowAsync(officeId, cancellationToken));
        if (mapping is null) return [];
        var running = await WorkflowAccess.Database(() => workflows.ListRunningAsync([officeId], stepIds: null, lateAt: now, MyTasksHandler.MaxScanned, cancellationToken));
        var late = new List<WorkflowTask>();
        foreach (var summary in running)
        {
            var i = summary.Instance;
            var sop = await WorkflowAccess.Database(() => SopCatalog.FindAsync(workflows, i.TemplateKey, cancellationToken));
            var step = sop is null ? null : i.CurrentStep(sop);
            if (step is null || !(i.StepOverdue || (i.StepDeadline is { } d && now > d))) continue;
            var holders = mapping.Holders(step);
            late.Add(new WorkflowTask(i.DocumentId, i.OfficeId, summary.Title, summary.Year, summary.Kind, step, i.StepStartedAt, i.StepDeadline, true,
                holders.OfficeRoles, holders.UserNames));
        }
        return late.OrderBy(t => t.Deadline).ToList();
    }
}

internal static class OfficeAccess
{
    /// <summary>The normalised office id when the actor is its member or an administrator; otherwise 404, like an unknown office.</summary>
    public static async Task<string> RequireMemberOrAdminAsync(IDocumentRepository documents, Actor actor, string? office, CancellationToken cancellationToken)
    {
        var officeId = OfficeId.From(office);
        if (!officeId.IsWellFormed || !(actor.IsMemberOf(officeId) || actor.IsAdministrator))
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        if (!await WorkflowAccess.Database(() => documents.OfficeExistsAsync(officeId, cancellationToken)))
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        return officeId;
    }
}
