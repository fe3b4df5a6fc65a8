using DocSign.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Flags SOP steps past their deadline on a schedule; never two at once. A failed check is recorded; the next run finds the same steps.</summary>
public sealed class OverdueStepsJob(IServiceScopeFactory scopes, ILogger<OverdueStepsJob> logger) : RecordedJob(scopes, logger)
{
    public static readonly JobKey Key = new("overdue-steps", "workflow");

    protected override async Task<string> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var flagged = await scope.ServiceProvider.GetRequiredService<FlagOverdueStepsHandler>().HandleAsync(cancellationToken);
        return $"{flagged} langkah ditandai terlambat";
    }
}
