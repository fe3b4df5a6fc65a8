using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// What Hangfire runs: one <see cref="IDocSignJob"/> by name, reported on its <see cref="JobRecord"/> (the admin's jobs
/// list). A sweep (no subject) runs on one instance at a time under a lease in the database and backs off after
/// failures (30 s, 1 min, 2 min, ... up to 1 h); a job enqueued for a cause runs at once. A failure is recorded and
/// rethrown, so the dashboard lists the failed run too; Hangfire does not retry it by itself: the next sweep does.
/// </summary>
public sealed class JobRunner(JobCatalog catalog, JobRecords records, IServiceProvider services, IOptions<JobsOptions> options, ILogger<JobRunner> logger)
{
    private static readonly TimeSpan BackoffBase = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BackoffMax = TimeSpan.FromHours(1);

    [AutomaticRetry(Attempts = 0)]
    [DisplayName("{0} {1}")]
    public async Task RunAsync(string name, Guid? subject, CancellationToken cancellationToken)
    {
        var job = catalog.Named(name);
        await records.EnsureAsync(job, cancellationToken);
        string? owner = null;
        if (subject is null)
        {
            if (await BackingOffAsync(job, cancellationToken)) return;
            owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
            if (!await records.TryLeaseAsync(name, owner, options.Value.SweepLease, cancellationToken))
            {
                logger.LogDebug("Job {Job} skipped: another run holds its lease", job.Key);
                return;
            }
        }
        await records.StartedAsync(name, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = owner is null ? Task.CompletedTask : RenewAsync(name, owner, stop.Token);
        try
        {
            var result = await ((IDocSignJob)services.GetRequiredService(job.JobType)).RunAsync(subject, cancellationToken);
            await records.SucceededAsync(name, owner, result);
            logger.LogInformation("Job {Job} ran{For}: {Result}", job.Key, subject is null ? "" : $" for {subject}", result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (owner is not null) await records.ReleaseAsync(name, owner);
            throw;
        }
        catch (Exception e)
        {
            await records.FailedAsync(name, owner, $"{e.GetType().Name}: {e.Message}");
            logger.LogWarning(e, "Job {Job} failed{For}", job.Key, subject is null ? "" : $" for {subject}");
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            await renewing;
        }
    }

    private async Task<bool> BackingOffAsync(JobDefinition job, CancellationToken cancellationToken)
    {
        var record = await records.FindAsync(job.Name, cancellationToken);
        if (record is not { Failures: > 0, LastRunAt: { } last }) return false;
        var wait = TimeSpan.FromTicks(Math.Min(BackoffMax.Ticks, BackoffBase.Ticks * (1L << Math.Min(record.Failures - 1, 20))));
        if (DateTimeOffset.UtcNow >= last + wait) return false;
        logger.LogDebug("Job {Job} backing off after {Failures} failures", job.Key, record.Failures);
        return true;
    }

    /// <summary>Keeps the lease while the sweep runs (a third of the lease at a time); a failed renewal is retried next round.</summary>
    private async Task RenewAsync(string name, string owner, CancellationToken cancellationToken)
    {
        var lease = options.Value.SweepLease;
        using var timer = new PeriodicTimer(lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try { await records.RenewAsync(name, owner, lease, cancellationToken); }
                catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "Could not renew the lease of job {Job}", name); }
            }
        }
        catch (OperationCanceledException) { }
    }
}
