using DocSign.Core.Storage;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Runs the orphan-object sweep on a schedule; one instance at a time. A failed sweep is recorded and retried.</summary>
public sealed class OrphanSweepJob(SweepOrphanObjectsHandler sweep) : IDocSignJob
{
    public async Task<string> RunAsync(Guid? subject, CancellationToken cancellationToken) =>
        $"{(await sweep.HandleAsync(cancellationToken)).Count} objek yatim dihapus";
}
