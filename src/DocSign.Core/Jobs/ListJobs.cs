using DocSign.Core.Access;
using DocSign.Core.Problems;

namespace DocSign.Core.Jobs;

/// <summary>A background job as the admin's jobs page shows it: its schedule, its last run and how that ended, and how many runs it has had.</summary>
public sealed record JobStatus(
    string Name, string Group, string? Description, string State, DateTimeOffset? NextRun, DateTimeOffset? PreviousRun,
    string? LastRunAt, string? LastSuccessAt, string? LastError, int Failures, string? LastResult, bool Running, int Runs);

/// <summary>The scheduler's jobs, every one of them (shared by every instance when clustered).</summary>
public interface IJobDirectory
{
    Task<IReadOnlyList<JobStatus>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>The admin reads the background jobs' state; no one else.</summary>
public sealed class ListJobsHandler(IJobDirectory jobs)
{
    public async Task<IReadOnlyList<JobStatus>> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat melihat daftar pekerjaan latar belakang.");
        return await jobs.ListAsync(cancellationToken);
    }
}
