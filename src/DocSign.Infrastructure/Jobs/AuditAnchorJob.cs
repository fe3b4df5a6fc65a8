using DocSign.Infrastructure.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Anchors the audit chain's head outside the database at <see cref="AuditChainOptions.AnchorInterval"/> (see <see cref="AuditAnchoring"/>).</summary>
public sealed class AuditAnchorJob(IServiceScopeFactory scopes, ILogger<AuditAnchorJob> logger) : RecordedJob(scopes, logger)
{
    public static readonly JobKey Key = new("audit-anchor", "audit");

    protected override async Task<string> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var anchor = await scope.ServiceProvider.GetRequiredService<AuditAnchoring>().AnchorAsync(cancellationToken);
        return anchor is null
            ? "Tidak ada entri audit baru sejak jangkar terakhir"
            : $"Jejak audit dijangkarkan sampai entri nomor {anchor.Sequence}" + (anchor.TimestampAt is null ? " (tanpa stempel waktu: TSA belum diatur)" : " dengan stempel waktu");
    }
}
