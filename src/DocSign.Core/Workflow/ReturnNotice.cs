namespace DocSign.Core.Workflow;

/// <summary>A document sent back with a note: by whom (name, office role), why, when, and the step it went back to.</summary>
public sealed record ReturnNotice(string Name, string? OfficeRole, string Reason, DateTimeOffset At, string ToStepId);
