using DocSign.Core.Workflow;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Flags SOP steps past their deadline on a schedule; one instance at a time. The next run finds the same steps after a failure.</summary>
public sealed class OverdueStepsJob(FlagOverdueStepsHandler flag) : IDocSignJob
{
    public async Task<string> RunAsync(Guid? subject, CancellationToken cancellationToken) =>
        $"{await flag.HandleAsync(cancellationToken)} langkah ditandai terlambat";
}
