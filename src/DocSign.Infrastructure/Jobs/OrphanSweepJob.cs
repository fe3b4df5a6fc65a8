using DocSign.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Runs the orphan-object sweep on a schedule; never two at once, even across restarts.</summary>
[DisallowConcurrentExecution]
public sealed class OrphanSweepJob(IServiceScopeFactory scopes, ILogger<OrphanSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("orphan-sweep", "storage");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SweepOrphanObjectsHandler>().HandleAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed sweep is retried at the next firing; nothing is lost by waiting.
            logger.LogWarning(e, "Orphan sweep failed; will retry at the next run");
        }
    }
}
