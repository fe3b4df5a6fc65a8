using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Core.Signing;

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
    IReadOnlyList<string> HolderUsers)
{
    /// <summary>When the step was sent back to its holder: by whom and why (the dashboard's banner).</summary>
    public ReturnNotice? Returned { get; init; }

    /// <summary>
    /// Not the step itself but the paraf before it: the office asks for a paraf on the submitted final version before
    /// the Camat signs, and this person (Sekcam or Kasubbag) may give it. <see cref="Step"/> is the sign step.
    /// </summary>
    public bool IsParaf { get; init; }

    /// <summary>The final version submitted to the Camat (what the paraf or signature goes on), when there is one.</summary>
    public int? SubmittedVersion { get; init; }
}

/// <summary>
/// The steps waiting for the signed-in person: current steps, in their offices, whose role they hold and can act on now.
/// A sign step waiting for a paraf is the paraf-giver's task (Sekcam/Kasubbag), not yet the Camat's.
/// </summary>
public sealed class MyTasksHandler(IWorkflowRepository workflows, TimeProvider clock, ISignatureRecords? signatures = null)
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
        var parafs = new ParafState(signatures, cancellationToken);
        var running = mayActOn.Count == 0 ? []
            : await WorkflowAccess.Database(() => workflows.ListRunningAsync(offices, mayActOn, lateAt: null, MaxScanned, cancellationToken));
        foreach (var summary in running)
        {
            var i = summary.Instance;
            var sop = await WorkflowAccess.Database(() => SopCatalog.FindAsync(workflows, i.TemplateKey, cancellationToken));
            var mapping = mappings.GetValueOrDefault(i.OfficeId);
            var step = sop is null ? null : i.CurrentStep(sop);
            if (step is null || mapping is null || !mapping.MayAct(actor, step)) continue;
            // The Camat cannot sign before the paraf: his task appears once it is given.
            if (step.IsSign && await parafs.MissingAsync(i)) continue;
            tasks.Add(Task(summary, step, mapping, now));
        }

        // The paraf before the Camat's signature, for the Sekcam/Kasubbag of offices that ask for one.
        var signSteps = SopTemplateLoader.Templates.Values.SelectMany(t => t.Steps).Where(s => s.IsSign).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var parafOffices = new List<string>();
        foreach (var office in offices)
            if (actor.HasRole(office, [.. EnrolSignerHandler.ParafRoles]) && await parafs.RequiredAsync(office)) parafOffices.Add(office);
        if (parafOffices.Count > 0)
        {
            var atSign = await WorkflowAccess.Database(() => workflows.ListRunningAsync(parafOffices, signSteps, lateAt: null, MaxScanned, cancellationToken));
            foreach (var summary in atSign)
            {
                var i = summary.Instance;
                var sop = SopTemplateLoader.Find(i.TemplateKey);
                var mapping = mappings.GetValueOrDefault(i.OfficeId);
                if (sop is null || mapping is null || i.CurrentStep(sop) is not { IsSign: true } step || !await parafs.MissingAsync(i)) continue;
                if (tasks.Any(t => t.DocumentId == i.DocumentId && t.IsParaf)) continue;
                tasks.Add(Task(summary, step, mapping, now) with { IsParaf = true });
            }
        }
        // The most urgent first: those with a deadline by deadline, then the rest by when they started.
        // (A paraf task shares the sign step's deadline: the paraf has to be given in the Camat's time.)
        return tasks.OrderBy(t => t.Deadline ?? DateTimeOffset.MaxValue).ThenBy(t => t.StepStartedAt).ToList();
    }

    private static WorkflowTask Task(WorkflowSummary summary, SopStep step, OfficeWorkflow mapping, DateTimeOffset now)
    {
        var i = summary.Instance;
        var holders = mapping.Holders(step);
        return new WorkflowTask(i.DocumentId, i.OfficeId, summary.Title, summary.Year, summary.Kind, step, i.StepStartedAt, i.StepDeadline,
            i.StepOverdue || (i.StepDeadline is { } d && now > d), holders.OfficeRoles, holders.UserNames)
        {
            Returned = i.PendingReturn,
            SubmittedVersion = i.SubmittedVersionNumber,
        };
    }

    /// <summary>Per request: which offices ask for a paraf, and whether a run's submitted version has it.</summary>
    private sealed class ParafState(ISignatureRecords? signatures, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, bool> _required = new();

        public async Task<bool> RequiredAsync(string office)
        {
            if (signatures is null) return false;
            if (!_required.TryGetValue(office, out var required))
                _required[office] = required = (await WorkflowAccess.Database(() => signatures.FindPolicyAsync(office, cancellationToken)))?.ParafRequired ?? false;
            return required;
        }

        /// <summary>The office asks for a paraf and the submitted final version has none yet.</summary>
        public async Task<bool> MissingAsync(WorkflowInstance instance)
        {
            if (signatures is null || instance.SubmittedVersionNumber is not { } submitted || !await RequiredAsync(instance.OfficeId)) return false;
            var records = await WorkflowAccess.Database(() => signatures.ListForDocumentAsync(instance.DocumentId, cancellationToken));
            return !records.Any(r => r.Kind == SignatureKind.Paraf && r.SourceVersionNumber == submitted);
        }
    }
}
