using DocSign.Core.Access;
using DocSign.Core.Ports;

namespace DocSign.Core.Workflow;

/// <summary>A step waiting for someone: the document, the step, since when and until when, who holds it.</summary>
public sealed record WorkflowTask(
    Guid DocumentId,
    string OfficeId,
    string Title,
    int Year,
    string Kind,
    SopStep Step,
    DateTimeOffset StepStartedAt,
    DateTimeOffset? Deadline,
    bool Overdue,
    IReadOnlyList<string> HolderRoles,
    IReadOnlyList<string> HolderUsers);

/// <summary>The steps waiting for the signed-in person: current steps, in their offices, whose role they hold.</summary>
public sealed class MyTasksHandler(IWorkflowRepository workflows, TimeProvider clock)
{
    public const int MaxScanned = 2000;

    public async Task<IReadOnlyList<WorkflowTask>> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var offices = actor.Memberships.Select(m => m.OfficeId).Distinct().ToList();
        if (offices.Count == 0) return [];
        var now = clock.GetUtcNow();
        var tasks = new List<WorkflowTask>();
        var mappings = new Dictionary<string, OfficeWorkflow?>();
        foreach (var office in offices)
            mappings[office] = await WorkflowAccess.Database(() => workflows.FindOfficeWorkflowAsync(office, cancellationToken));
        // Only the steps this person may act on at all (in any template), so the database returns their tasks and not
        // every running document of the office; the exact rule is applied again below, per document.
        var ownSops = new List<SopDefinition>();
        foreach (var m in mappings.Values.OfType<OfficeWorkflow>().Where(m => SopTemplateLoader.Find(m.TemplateKey) is null))
            if (await WorkflowAccess.Database(() => SopCatalog.FindAsync(workflows, m.TemplateKey, cancellationToken)) is { } own) ownSops.Add(own);
        var mayActOn = mappings.Values.OfType<OfficeWorkflow>()
            .SelectMany(m => SopTemplateLoader.Templates.Values.Concat(ownSops).SelectMany(t => t.Steps).Where(step => m.MayAct(actor, step)).Select(step => step.Id))
            .ToHashSet(StringComparer.Ordinal);
        if (mayActOn.Count == 0) return [];
        var running = await WorkflowAccess.Database(() => workflows.ListRunningAsync(offices, mayActOn, lateAt: null, MaxScanned, cancellationToken));
        foreach (var summary in running)
        {
            var i = summary.Instance;
            var sop = await WorkflowAccess.Database(() => SopCatalog.FindAsync(workflows, i.TemplateKey, cancellationToken));
            var mapping = mappings.GetValueOrDefault(i.OfficeId);
            var step = sop is null ? null : i.CurrentStep(sop);
            if (step is null || mapping is null || !mapping.MayAct(actor, step)) continue;
            var holders = mapping.Holders(step);
            tasks.Add(new WorkflowTask(i.DocumentId, i.OfficeId, summary.Title, summary.Year, summary.Kind, step, i.StepStartedAt, i.StepDeadline,
                i.StepOverdue || (i.StepDeadline is { } d && now > d), holders.OfficeRoles, holders.UserNames));
        }
        // The most urgent first: those with a deadline by deadline, then the rest by when they started.
        return tasks.OrderBy(t => t.Deadline ?? DateTimeOffset.MaxValue).ThenBy(t => t.StepStartedAt).ToList();
    }
}
