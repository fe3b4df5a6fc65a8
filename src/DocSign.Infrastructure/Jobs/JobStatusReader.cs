using DocSign.Core.Jobs;
using DocSign.Core.Problems;
using Quartz;

namespace DocSign.Infrastructure.Jobs;


/// <summary>Reads the jobs' state from the Quartz store (shared by every instance when clustered).</summary>
public sealed class JobStatusReader(IServiceProvider services, Microsoft.Extensions.Configuration.IConfiguration configuration) : IJobDirectory
{
    private IScheduler? Find()
    {
        var name = configuration["DocSign:Jobs:SchedulerName"] ?? "DocSign";
        // A named scheduler is bound in Quartz's repository (there is no unkeyed factory for it).
        if (services.GetService(typeof(Quartz.Extensibility.ISchedulerRepository)) is Quartz.Extensibility.ISchedulerRepository repository)
        {
            var found = repository.LookupByName(name).FirstOrDefault() ?? repository.LookupAll().FirstOrDefault();
            if (found is not null) return found;
        }
        return (services as Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider)?.GetKeyedService(typeof(IScheduler), name) as IScheduler;
    }

    public async Task<IReadOnlyList<JobStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = Find()
            ?? throw new DocSignProblem(ProblemKind.Unavailable, "Penjadwal pekerjaan belum berjalan.");
        var list = new List<JobStatus>();
        foreach (var key in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), cancellationToken)).OrderBy(k => k.Group).ThenBy(k => k.Name))
        {
            var detail = await scheduler.GetJobDetail(key, cancellationToken);
            if (detail is null) continue;
            var triggers = await scheduler.GetTriggersOfJob(key, cancellationToken);
            var trigger = triggers.OrderBy(t => t.NextFireTimeUtc ?? DateTimeOffset.MaxValue).FirstOrDefault();
            var state = trigger is null ? "NoTrigger" : (await scheduler.GetTriggerState(trigger.Key, cancellationToken)).ToString();
            var data = detail.JobDataMap;
            string? Get(string k) => data.TryGetString(k, out var v) ? v : null;
            list.Add(new JobStatus(key.Name, key.Group, detail.Description, state,
                trigger?.NextFireTimeUtc, trigger?.PreviousFireTimeUtc,
                Get(RecordedJob.LastRunAt), Get(RecordedJob.LastSuccessAt), Get(RecordedJob.LastError),
                int.TryParse(Get(RecordedJob.Failures), out var f) ? f : 0, Get(RecordedJob.LastResult), state == "Blocked",
                RecordedJob.RunsOf(data)));
        }
        return list;
    }
}
