using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Workflow;

namespace DocSign.Core.Signing;

/// <summary>A person as a screen names him: the name on record and, where the data has it, his post in the step.</summary>
public sealed record PersonShown(string Name, string? Jabatan);

/// <summary>
/// What the signer reads above the form: which step of how many he stands on ("langkah 7 dari 8"), who prepared the
/// version put to him and who approved it. Step numbers are null on the generic route (outside any SOP).
/// </summary>
public sealed record SigningPath(int? StepNumber, int? StepCount, PersonShown? PreparedBy, PersonShown? ApprovedBy);

/// <summary>Names the people behind a version put to a signer, from the versions and the SOP run's log.</summary>
public sealed class DescribeSigningPathHandler(IOfficeMembers members)
{
    public async Task<SigningPath> HandleAsync(Document document, DocumentVersion pending, WorkflowTimeline? timeline, CancellationToken cancellationToken = default)
    {
        // Prepared by whoever drafted this run's document (its first draft), else whoever uploaded the final put to the
        // signer (a paraf'd copy is the paraf-giver's upload, so the final under it counts).
        var run = document.Versions.Where(v => v.Number > document.RunStartsAfter && v.Number <= pending.Number).ToList();
        var prepared = run.Where(v => v.Stage == VersionStage.Draft).MinBy(v => v.Number)
            ?? run.Where(v => v.Stage is VersionStage.Final or VersionStage.Corrected).MaxBy(v => v.Number) ?? pending;
        var done = timeline?.Steps.Where(s => s.Status == TimelineStep.Done && s.DoneBy is not null).ToList() ?? [];
        var approval = done.LastOrDefault(s => s.Step.IsReview || s.Step.IsSubmit || s.Step.Has(WorkflowActions.Approve));

        string[] users = [prepared.UploadedBy, .. approval?.DoneBy is { } a ? new[] { a } : []];
        var known = (await members.FindAsync(document.OfficeId, [], users, cancellationToken))
            .ToDictionary(m => m.UserName, m => m.DisplayName, StringComparer.OrdinalIgnoreCase);
        string NameOf(string user) => known.TryGetValue(user, out var name) && !string.IsNullOrWhiteSpace(name) ? name : user;
        // The post a person held in this run: the SOP roles of the last step he did.
        string? PostOf(string user) => done.LastOrDefault(s => string.Equals(s.DoneBy, user, StringComparison.OrdinalIgnoreCase)) is { } step
            ? string.Join(" / ", step.Step.Roles) : null;

        var preparedBy = new PersonShown(NameOf(prepared.UploadedBy), PostOf(prepared.UploadedBy));
        var approvedBy = approval is { DoneBy: { } who } ? new PersonShown(NameOf(who), string.Join(" / ", approval.Step.Roles)) : null;
        var current = timeline?.Current;
        return new SigningPath(current?.Step.Number, timeline?.Sop.Steps.Count, preparedBy, approvedBy);
    }
}
