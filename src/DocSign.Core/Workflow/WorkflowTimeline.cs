namespace DocSign.Core.Workflow;

/// <summary>
/// A document's SOP as its people see it: every step with its status, who did it and when, its deadline and
/// output, who holds it; plus the whole log and the review findings.
/// </summary>
public sealed record WorkflowTimeline(
    WorkflowInstance Instance,
    SopDefinition Sop,
    IReadOnlyList<TimelineStep> Steps)
{
    /// <summary>The step now running, or null when the run is over.</summary>
    public TimelineStep? Current => Steps.FirstOrDefault(s => s.Status == TimelineStep.Current);

    /// <summary>Whether the person the timeline was read for may act on <see cref="Current"/> (the office's role mapping decides).</summary>
    public bool MayActOnCurrent { get; init; }

    public static WorkflowTimeline From(WorkflowContext context, DateTimeOffset now)
    {
        var (_, instance, sop, mapping) = context;
        var steps = new List<TimelineStep>();
        for (var i = 0; i < sop.Steps.Count; i++)
        {
            var step = sop.Steps[i];
            var holders = mapping.Holders(step);
            if (i < instance.CurrentStepIndex)
            {
                var done = instance.Log.LastOrDefault(e => e.StepId == step.Id && e.Kind is WorkflowLogKinds.Advanced or WorkflowLogKinds.Submitted or WorkflowLogKinds.Signed);
                var started = i == 0 ? instance.StartedAt
                    : instance.Log.LastOrDefault(e => e.Sequence < (done?.Sequence ?? int.MaxValue) && e.StepId == sop.Steps[i - 1].Id
                        && e.Kind is WorkflowLogKinds.Advanced or WorkflowLogKinds.Submitted or WorkflowLogKinds.Signed)?.At;
                steps.Add(new TimelineStep(step, TimelineStep.Done, done?.ActorName, done?.At, started, done?.Deadline,
                    done is not null && done.Deadline is not null && done.At > done.Deadline, done?.VersionNumber, holders.OfficeRoles, holders.UserNames));
            }
            else if (i == instance.CurrentStepIndex && instance.Status == WorkflowStatus.Running)
            {
                steps.Add(new TimelineStep(step, TimelineStep.Current, null, null, instance.StepStartedAt, instance.StepDeadline,
                    instance.StepOverdue || (instance.StepDeadline is { } d && now > d), null, holders.OfficeRoles, holders.UserNames));
            }
            else
            {
                steps.Add(new TimelineStep(step, TimelineStep.Pending, null, null, null, null, false, null, holders.OfficeRoles, holders.UserNames));
            }
        }
        return new WorkflowTimeline(instance, sop, steps);
    }
}

/// <summary>One step on the timeline.</summary>
public sealed record TimelineStep(
    SopStep Step,
    string Status,
    string? DoneBy,
    DateTimeOffset? DoneAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? Deadline,
    bool Late,
    int? VersionNumber,
    IReadOnlyList<string> HolderRoles,
    IReadOnlyList<string> HolderUsers)
{
    public const string Done = "done";
    public const string Current = "current";
    public const string Pending = "pending";
}
