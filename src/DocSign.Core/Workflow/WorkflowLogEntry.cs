namespace DocSign.Core.Workflow;

/// <summary>Kinds of step-log entries (stored as text).</summary>
public static class WorkflowLogKinds
{
    public const string Started = "started";
    public const string Advanced = "advanced";
    public const string Submitted = "submitted";
    public const string Signed = "signed";
    public const string Returned = "returned";
    public const string Revised = "revised";
    public const string FindingRecorded = "finding-recorded";
    public const string FindingAnswered = "finding-answered";
    public const string Overdue = "overdue";
}

/// <summary>One line of a workflow's append-only log: who did what on which step, when, with which version and note.</summary>
public sealed class WorkflowLogEntry
{
    private WorkflowLogEntry() { }

    internal WorkflowLogEntry(Guid id, Guid instanceId, int sequence, string kind, string stepId, string? actorUserId, string actorName,
        DateTimeOffset at, int? versionNumber, string? note, Guid? findingId, DateTimeOffset? deadline)
    {
        Id = id;
        InstanceId = instanceId;
        Sequence = sequence;
        Kind = kind;
        StepId = stepId;
        ActorUserId = actorUserId;
        ActorName = actorName;
        At = at;
        VersionNumber = versionNumber;
        Note = note;
        FindingId = findingId;
        Deadline = deadline;
    }

    public Guid Id { get; private set; }
    public Guid InstanceId { get; private set; }
    public int Sequence { get; private set; }
    /// <summary>One of <see cref="WorkflowLogKinds"/>.</summary>
    public string Kind { get; private set; } = "";
    public string StepId { get; private set; } = "";
    public string? ActorUserId { get; private set; }
    public string ActorName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public int? VersionNumber { get; private set; }
    /// <summary>A disposisi note, a hand-over note, the reason of a return, a finding's text; never a secret.</summary>
    public string? Note { get; private set; }
    public Guid? FindingId { get; private set; }
    /// <summary>The step's deadline at the time of the entry, so that the timeline shows whether it was kept.</summary>
    public DateTimeOffset? Deadline { get; private set; }
}
