using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// Base of DocSign's background jobs: keeps the last run, last success, last error and the count of consecutive
/// failures in the job's data (persisted in the Quartz store, so the admin's jobs page shows them from any
/// instance), and backs off after failures (30 s, 1 min, 2 min, ... up to 1 h) instead of hammering a dependency
/// that is down. Each run must be idempotent: a run a dying instance started is run again (RequestRecovery).
/// </summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public abstract class RecordedJob(IServiceScopeFactory scopes, ILogger logger) : IJob
{
    public const string LastRunAt = "lastRunAt";
    public const string LastSuccessAt = "lastSuccessAt";
    public const string LastError = "lastError";
    public const string Failures = "failures";
    public const string LastResult = "lastResult";
    public const string Runs = "runs";

    private static readonly TimeSpan BackoffBase = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BackoffMax = TimeSpan.FromHours(1);

    /// <summary>One run; returns a short summary for the jobs page. Throw to record a failure.</summary>
    protected abstract Task<string> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.JobDetail.JobDataMap;
        // Back-off is scheduling, so it runs on the scheduler's time (the fire time), not the domain clock.
        var now = context.FireTimeUtc;
        var failures = data.TryGetString(Failures, out var f) && int.TryParse(f, CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (failures > 0 && !context.Recovering && data.TryGetString(LastRunAt, out var last)
            && DateTimeOffset.TryParse(last, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var lastRun))
        {
            var wait = TimeSpan.FromTicks(Math.Min(BackoffMax.Ticks, BackoffBase.Ticks * (1L << Math.Min(failures - 1, 20))));
            if (now < lastRun + wait) return;   // still backing off; the trigger fires again later
        }
        data[LastRunAt] = now.ToString("O", CultureInfo.InvariantCulture);
        data[Runs] = (RunsOf(data) + 1).ToString(CultureInfo.InvariantCulture);
        try
        {
            var result = await RunAsync(context, cancellationToken);
            data[LastSuccessAt] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            data[Failures] = "0";
            data[LastResult] = result;
            logger.LogDebug("Job {Job} ran: {Result}", context.JobDetail.Key, result);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            data[Failures] = (failures + 1).ToString(CultureInfo.InvariantCulture);
            var message = e.Message.Length > 500 ? e.Message[..500] : e.Message;
            data[LastError] = $"{DateTimeOffset.UtcNow:O} {e.GetType().Name}: {message}";
            logger.LogWarning(e, "Job {Job} failed ({Failures} in a row); backing off", context.JobDetail.Key, failures + 1);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> for each id in its own scope; one item's trouble (say, no key configured for its
    /// office) does not hold up the others, and the run fails at the end naming the first few. Returns how many did something.
    /// </summary>
    protected async Task<int> EachAsync(IReadOnlyList<Guid> ids, string what, Func<AsyncServiceScope, Guid, Task<bool>> work, CancellationToken cancellationToken)
    {
        var done = 0;
        var errors = new List<string>();
        foreach (var id in ids)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await work(scope, id)) done++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{What} for {Id} failed; will retry", what, id);
                errors.Add($"{id}: {e.Message}");
            }
        }
        if (errors.Count > 0) throw new InvalidOperationException($"{errors.Count} of {ids.Count} {what} failed: {string.Join("; ", errors.Take(3))}");
        return done;
    }

    /// <summary>How many runs (successful or not, back-off skips not counted) the job's data records.</summary>
    public static int RunsOf(JobDataMap data) =>
        data.TryGetString(Runs, out var r) && int.TryParse(r, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
