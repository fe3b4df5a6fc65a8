using DocSign.Core.Workflow;

namespace DocSign.Core.Ports;

/// <summary>
/// Persistence of offices' SOP choices and role mappings, and of documents' workflow instances (EF Core in
/// production). Add/Stage methods only stage in the current unit of work; <see cref="SaveAsync"/> commits
/// everything staged (with the audit events recorded meanwhile) in one transaction.
/// </summary>
public interface IWorkflowRepository
{
    /// <summary>The office's template choice with its role mapping, or null when the office runs no SOP.</summary>
    Task<OfficeWorkflow?> FindOfficeWorkflowAsync(string officeId, CancellationToken cancellationToken = default);

    void AddOfficeWorkflow(OfficeWorkflow workflow);

    /// <summary>The document's workflow with its log and findings (tracked, for a transition), or null.</summary>
    Task<WorkflowInstance?> FindByDocumentAsync(Guid documentId, CancellationToken cancellationToken = default);

    void AddInstance(WorkflowInstance instance);

    /// <summary>Workflows of the given offices with their documents' titles (read-only), newest first; running only if asked.</summary>
    Task<IReadOnlyList<WorkflowSummary>> ListAsync(IReadOnlyCollection<string> offices, bool runningOnly, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Running workflows of the given offices filtered in the database, so a dashboard reads only what it shows: those
    /// standing at one of <paramref name="stepIds"/> (when given), and those past their deadline at
    /// <paramref name="lateAt"/> (when given), most urgent first.
    /// </summary>
    Task<IReadOnlyList<WorkflowSummary>> ListRunningAsync(IReadOnlyCollection<string> offices, IReadOnlyCollection<string>? stepIds,
        DateTimeOffset? lateAt, int max, CancellationToken cancellationToken = default);

    /// <summary>Running workflows whose current step is past its deadline and not yet flagged (tracked, to be flagged).</summary>
    Task<IReadOnlyList<WorkflowInstance>> ListUnflaggedOverdueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    /// <summary>The office's running workflows (tracked, without their logs), to reschedule their deadlines after a calendar change.</summary>
    Task<IReadOnlyList<WorkflowInstance>> ListRunningInstancesAsync(string officeId, CancellationToken cancellationToken = default);

    /// <summary>Whether any workflow of the office is still running (an office cannot switch templates under them).</summary>
    Task<bool> AnyRunningAsync(string officeId, CancellationToken cancellationToken = default);

    /// <summary>A stored version of an office's own SOP by its key, or null.</summary>
    Task<OfficeSopVersion?> FindSopVersionAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>How many versions of its own SOP the office has stored.</summary>
    Task<int> CountSopVersionsAsync(string officeId, CancellationToken cancellationToken = default);

    void AddSopVersion(OfficeSopVersion version);

    /// <summary>
    /// Saves everything staged. A concurrent change to the same workflow is a <see cref="Problems.DocSignProblem"/>
    /// of kind Conflict (nothing saved); an unreachable database is a <see cref="DatabaseUnavailableException"/>.
    /// </summary>
    Task SaveAsync(CancellationToken cancellationToken = default);
}

/// <summary>A workflow with the few document fields lists need.</summary>
public sealed record WorkflowSummary(WorkflowInstance Instance, string Title, int Year, string Kind);
