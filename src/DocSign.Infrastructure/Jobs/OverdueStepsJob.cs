using DocSign.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Flags SOP steps past their deadline on a schedule; never two at once.</summary>
[DisallowConcurrentExecution]
public sealed class OverdueStepsJob(IServiceScopeFactory scopes, ILogger<OverdueStepsJob> logger) : IJob
{
    public static readonly JobKey Key = new("overdue-steps", "workflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FlagOverdueStepsHandler>().HandleAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next run finds the same steps again: nothing is lost by waiting.
            logger.LogWarning(e, "Overdue step check failed; will retry at the next run");
        }
    }
}
