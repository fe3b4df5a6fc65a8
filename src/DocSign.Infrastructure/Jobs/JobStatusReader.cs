using System.Globalization;
using DocSign.Core.Jobs;
using DocSign.Core.Problems;
using Hangfire;
using Hangfire.Storage;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// The jobs list: every job of the <see cref="JobCatalog"/> with its record from DocSign's database (runs, last result
/// and error, whether a sweep holds its lease now) and its next and previous run from Hangfire's recurring jobs.
/// State is <c>Normal</c>, <c>Blocked</c> while a sweep runs, or <c>NoTrigger</c> when Hangfire has no schedule for it.
/// </summary>
public sealed class JobStatusReader(JobCatalog catalog, JobRecords records, IServiceProvider services) : IJobDirectory
{
    public async Task<IReadOnlyList<JobStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        var byName = (await records.ListAsync(cancellationToken)).ToDictionary(r => r.Name);
        Dictionary<string, RecurringJobDto> schedule;
        try
        {
            using var connection = ((JobStorage)services.GetService(typeof(JobStorage))!).GetConnection();
            schedule = connection.GetRecurringJobs(catalog.All.Select(j => j.Key).ToList()).ToDictionary(r => r.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DocSignProblem(ProblemKind.Unavailable, "Penjadwal pekerjaan belum dapat dihubungi.", e);
        }
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return catalog.All.OrderBy(j => j.Group).ThenBy(j => j.Name).Select(j =>
        {
            byName.TryGetValue(j.Name, out var r);
            var running = r is not null && r.LeaseUntilUnixMs > nowMs;
            schedule.TryGetValue(j.Key, out var s);
            var state = s is null || s.Removed ? "NoTrigger" : running ? "Blocked" : "Normal";
            return new JobStatus(j.Name, j.Group, j.Description, state, Utc(s?.NextExecution), Utc(s?.LastExecution),
                Iso(r?.LastRunAt), Iso(r?.LastSuccessAt), r?.LastError, r?.Failures ?? 0, r?.LastResult, running, r?.Runs ?? 0);
        }).ToList();
    }

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private static string? Iso(DateTimeOffset? t) => t?.ToString("O", CultureInfo.InvariantCulture);
}
