using Hangfire;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Enqueues a job for one cause (a signed document, a dispatched letter).</summary>
public interface IJobQueue
{
    /// <summary>Never throws: a job that could not be enqueued (store down) is made good by the job's next sweep.</summary>
    void Enqueue<TJob>(Guid subject) where TJob : IDocSignJob;
}

internal sealed class HangfireJobQueue(JobCatalog catalog, Lazy<IBackgroundJobClient> client, ILogger<HangfireJobQueue> logger) : IJobQueue
{
    public void Enqueue<TJob>(Guid subject) where TJob : IDocSignJob
    {
        var job = catalog.Of<TJob>();
        try
        {
            client.Value.Enqueue<JobRunner>(r => r.RunAsync(job.Name, subject, CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not enqueue job {Job} for {Subject}; its sweep will do it", job.Key, subject);
        }
    }
}
