using DocSign.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Runs the orphan-object sweep on a schedule; never two at once, even across restarts. A failed sweep is recorded and retried.</summary>
public sealed class OrphanSweepJob(IServiceScopeFactory scopes, ILogger<OrphanSweepJob> logger) : RecordedJob(scopes, logger)
{
    public static readonly JobKey Key = new("orphan-sweep", "storage");

    protected override async Task<string> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<SweepOrphanObjectsHandler>().HandleAsync(cancellationToken);
        return $"{removed.Count} objek yatim dihapus";
    }
}
