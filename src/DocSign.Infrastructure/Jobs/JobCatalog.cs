using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// A background job: a thin wrapper over one Core use case. Its <c>subject</c> is the cause it was enqueued
/// for (a signed document, a dispatched letter), or null for a sweep that looks for all the work still to do. Returns a
/// short summary for the jobs list; throws to record a failure. Must be idempotent: a job may run twice or be lost.
/// </summary>
public interface IDocSignJob
{
    Task<string> RunAsync(Guid? subject, CancellationToken cancellationToken);
}

/// <summary>One registered job: its name and group (the jobs list, <c>GET /api/admin/jobs</c>), its class and how often it sweeps.</summary>
public sealed record JobDefinition(string Name, string Group, string Description, Type JobType, TimeSpan Interval)
{
    /// <summary><c>group.name</c>: the Hangfire recurring job's id and the key in the logs.</summary>
    public string Key => $"{Group}.{Name}";
}

/// <summary>
/// Every background job of DocSign. Adding one is one line in <see cref="JobsModule"/>:
/// <c>jobs.Every&lt;MyJob&gt;("name", "group", interval, "Indonesian description")</c> with <c>MyJob : IDocSignJob</c>;
/// the catalog registers the class, Hangfire runs it every <c>interval</c> on one instance at a time, and the jobs list
/// and the dashboard show it. To run it for a cause as well, call <see cref="IJobQueue.Enqueue{TJob}"/>.
/// </summary>
public sealed class JobCatalog(IServiceCollection services)
{
    private readonly List<JobDefinition> _jobs = [];

    public IReadOnlyList<JobDefinition> All => _jobs;

    public JobCatalog Every<TJob>(string name, string group, TimeSpan interval, string description) where TJob : class, IDocSignJob
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), $"Job {group}.{name}: interval must be positive.");
        if (_jobs.Any(j => j.Name == name || j.JobType == typeof(TJob))) throw new InvalidOperationException($"Job {group}.{name} is registered twice.");
        services.AddScoped<TJob>();
        _jobs.Add(new JobDefinition(name, group, description, typeof(TJob), interval));
        return this;
    }

    public JobDefinition Named(string name) =>
        _jobs.SingleOrDefault(j => j.Name == name) ?? throw new InvalidOperationException($"No job named {name}.");

    public JobDefinition Of<TJob>() where TJob : IDocSignJob =>
        _jobs.SingleOrDefault(j => j.JobType == typeof(TJob)) ?? throw new InvalidOperationException($"{typeof(TJob).Name} is not registered.");

    /// <summary>
    /// The Hangfire cron expression nearest to <paramref name="interval"/>: with seconds below a minute (6 fields),
    /// every n minutes below an hour, every n hours below a day, else daily at 01:00 UTC (08:00 WIB).
    /// </summary>
    public static string CronOf(TimeSpan interval)
    {
        static int Step(double n, int max) => Math.Clamp((int)Math.Round(n), 1, max);
        if (interval < TimeSpan.FromMinutes(1)) return $"*/{Step(interval.TotalSeconds, 59)} * * * * *";
        if (interval < TimeSpan.FromHours(1)) return $"*/{Step(interval.TotalMinutes, 59)} * * * *";
        if (interval < TimeSpan.FromDays(1)) return $"0 */{Step(interval.TotalHours, 23)} * * *";
        return "0 1 * * *";
    }
}
