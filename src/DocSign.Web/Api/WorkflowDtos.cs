using DocSign.Core.Workflow;

namespace DocSign.Web.Api;

/// <summary>A step's Waktu: as written, and as counted (amount and unit; a range by its upper bound). Readable false: no deadline.</summary>
internal sealed record WaktuDto(string Raw, int? Amount, string? Unit, int? RangeFrom, bool Readable)
{
    public static WaktuDto? From(SopStep s) => s.Waktu is { } w
        ? new(w.Raw, w.Amount, w.UnitName, w.RangeFrom, true)
        : s.WaktuRaw is { } raw ? new(raw, null, null, null, false) : null;
}

internal sealed record SopStepDto(
    string Id, int Number, string Text, IReadOnlyList<string> Roles, IReadOnlyList<string> Actions, string Kelengkapan,
    WaktuDto? Waktu, string Output, bool Added, string? Remark, SopActorDto? Actor, IReadOnlyDictionary<string, string> AsWritten,
    string? Keterangan, string? SuggestedWaktu)
{
    public static SopStepDto From(SopStep s) => new(s.Id, s.Number, s.Text, s.Roles, s.Actions, s.Kelengkapan, WaktuDto.From(s), s.Output, s.Added, s.Remark,
        s.Actor is { } a ? new SopActorDto(a.Wire, a.Reason) : null, s.AsWritten, s.Keterangan, s.SuggestedWaktu);
}

/// <summary>Where a step's acting role comes from: <c>text</c> (the SOP's text), <c>inferred</c> (with the reason) or <c>office</c>.</summary>
internal sealed record SopActorDto(string Source, string Reason);

/// <summary>The SOP's header: approver as jabatan and office, sections as written, the seed's slips, adapted-from origin.</summary>
internal sealed record SopHeaderDto(string? Government, string? Unit, SopApprover? Approver, IReadOnlyDictionary<string, string> AsWritten,
    IReadOnlyList<SopSection> Sections, IReadOnlyList<SopSlip> Slips, SopOrigin? Origin)
{
    public static SopHeaderDto From(SopDefinition d) =>
        new(d.Header.Government, d.Header.Unit, d.Header.Approver, d.Header.AsWritten, d.Header.Sections, d.Header.Slips, d.Origin);
}

internal sealed record SopRoleDto(string Name, string? Description, IReadOnlyList<string> DefaultOfficeRoles, bool Added);

internal sealed record SopTemplateDto(
    string Key, string Office, string Source, string Number, string Name, DateOnly? CreatedOn, DateOnly? RevisedOn, DateOnly? ApprovedOn,
    DateOnly? EffectiveOn, string? ApprovedBy, IReadOnlyList<string> DocumentKinds, IReadOnlyList<SopRoleDto> Roles, IReadOnlyList<SopStepDto> Steps,
    SopHeaderDto Header)
{
    public static SopTemplateDto From(SopDefinition d) => new(d.Key, d.Office, d.Source, d.Number, d.Name, d.CreatedOn, d.RevisedOn, d.ApprovedOn,
        d.EffectiveOn, d.ApprovedBy, d.DocumentKinds, d.Roles.Select(r => new SopRoleDto(r.Name, r.Description, r.DefaultOfficeRoles, r.Added)).ToList(),
        d.Steps.Select(SopStepDto.From).ToList(), SopHeaderDto.From(d));
}

internal sealed record HoldersDto(IReadOnlyList<string> OfficeRoles, IReadOnlyList<string> Users);

internal sealed record TimelineStepDto(
    string Id, int Number, string Text, IReadOnlyList<string> Roles, IReadOnlyList<string> Actions, string Kelengkapan, WaktuDto? Waktu,
    string Output, bool Added, string? Remark, string Status, string? DoneBy, DateTimeOffset? DoneAt, DateTimeOffset? StartedAt,
    DateTimeOffset? Deadline, bool Late, int? VersionNumber, HoldersDto Holders)
{
    public static TimelineStepDto From(TimelineStep t) => new(t.Step.Id, t.Step.Number, t.Step.Text, t.Step.Roles, t.Step.Actions, t.Step.Kelengkapan,
        WaktuDto.From(t.Step), t.Step.Output, t.Step.Added, t.Step.Remark, t.Status, t.DoneBy, t.DoneAt, t.StartedAt, t.Deadline, t.Late,
        t.VersionNumber, new HoldersDto(t.HolderRoles, t.HolderUsers));
}

internal sealed record LogEntryDto(int Sequence, string Kind, string StepId, string By, DateTimeOffset At, int? VersionNumber, string? Note,
    Guid? FindingId, DateTimeOffset? Deadline)
{
    public static LogEntryDto From(WorkflowLogEntry e) => new(e.Sequence, e.Kind, e.StepId, e.ActorName, e.At, e.VersionNumber, e.Note, e.FindingId, e.Deadline);
}

internal sealed record FindingDto(Guid Id, int Number, string Text, string RaisedBy, DateTimeOffset RaisedAt, bool Answered,
    int? AnswerVersionNumber, string? AnswerNote, string? AnsweredBy, DateTimeOffset? AnsweredAt)
{
    public static FindingDto From(ReviewFinding f) => new(f.Id, f.Number, f.Text, f.RaisedBy, f.RaisedAt, f.IsAnswered, f.AnswerVersionNumber,
        f.AnswerNote, f.AnsweredBy, f.AnsweredAt);
}

internal sealed record SopRefDto(string Key, string Number, string Name);

internal sealed record WorkflowDto(
    Guid DocumentId, string Office, SopRefDto Sop, string Status, string? CurrentStepId, int? SubmittedVersionNumber, DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt, IReadOnlyList<TimelineStepDto> Steps, IReadOnlyList<LogEntryDto> Log, IReadOnlyList<FindingDto> Findings)
{
    public static WorkflowDto From(WorkflowTimeline t)
    {
        var i = t.Instance;
        return new WorkflowDto(i.DocumentId, i.OfficeId, new SopRefDto(t.Sop.Key, t.Sop.Number, t.Sop.Name),
            i.Status == WorkflowStatus.Completed ? "completed" : "running", i.Status == WorkflowStatus.Running ? i.CurrentStepId : null,
            i.SubmittedVersionNumber, i.StartedAt, i.CompletedAt, t.Steps.Select(TimelineStepDto.From).ToList(),
            i.Log.OrderBy(e => e.Sequence).Select(LogEntryDto.From).ToList(), i.Findings.OrderBy(f => f.Number).Select(FindingDto.From).ToList());
    }
}

/// <param name="Task">"step" (the step itself) or "paraf" (the paraf before the sign step).</param>
/// <param name="Returned">The return waiting on this step (who, role, reason, when), or null.</param>
internal sealed record TaskDto(Guid DocumentId, string Office, string Title, int Year, string Kind, SopStepDto Step, DateTimeOffset StepStartedAt,
    DateTimeOffset? Deadline, bool Overdue, HoldersDto Holders, string Task, int? SubmittedVersionNumber, ReturnNotice? Returned)
{
    public static TaskDto From(WorkflowTask t) => new(t.DocumentId, t.OfficeId, t.Title, t.Year, t.Kind, SopStepDto.From(t.Step), t.StepStartedAt,
        t.Deadline, t.Overdue, new HoldersDto(t.HolderRoles, t.HolderUsers), t.IsParaf ? "paraf" : "step", t.SubmittedVersion, t.Returned);
}

internal sealed record OfficeSopDto(string Office, SopTemplateDto Template, IReadOnlyList<RoleMappingEntry> Mapping, string AdoptedBy, DateTimeOffset AdoptedAt)
{
    public static OfficeSopDto From(OfficeSopView v) => new(v.OfficeId, SopTemplateDto.From(v.Template), v.Mapping, v.AdoptedBy, v.AdoptedAt);
}

internal sealed record StageDocumentDto(Guid DocumentId, string Title, int Year, string Kind, DateTimeOffset StepStartedAt, DateTimeOffset? Deadline, bool Overdue);

internal sealed record StageGroupDto(string? StepId, int? StepNumber, string Label, int Count, IReadOnlyList<StageDocumentDto> Documents)
{
    public static StageGroupDto From(StageGroup g, DateTimeOffset now) => new(g.StepId, g.StepNumber, g.Label, g.Documents.Count,
        g.Documents.Select(s => new StageDocumentDto(s.Instance.DocumentId, s.Title, s.Year, s.Kind, s.Instance.StepStartedAt, s.Instance.StepDeadline,
            s.Instance.Status == WorkflowStatus.Running && (s.Instance.StepOverdue || (s.Instance.StepDeadline is { } d && now > d)))).ToList());
}

// Request bodies.
internal sealed record AdvanceBody(string? StepId, string? Note, int? VersionNumber);
internal sealed record ReturnBody(string? StepId, string? Note);
internal sealed record NoteBody(string? Note);
internal sealed record FindingBody(string? Text);
internal sealed record AnswerBody(int? VersionNumber, string? Note);
internal sealed record AdoptBody(string? Template);
internal sealed record MappingBody(List<MappingRowBody?>? Mapping);
internal sealed record MappingRowBody(string? SopRole, List<string>? OfficeRoles, List<string>? UserNames);
