using DocSign.Infrastructure.Audit;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Anchors the audit chain's head outside the database at <see cref="AuditChainOptions.AnchorInterval"/> (see <see cref="AuditAnchoring"/>).</summary>
public sealed class AuditAnchorJob(AuditAnchoring anchoring) : IDocSignJob
{
    public async Task<string> RunAsync(Guid? subject, CancellationToken cancellationToken)
    {
        var anchor = await anchoring.AnchorAsync(cancellationToken);
        return anchor is null
            ? "Tidak ada entri audit baru sejak jangkar terakhir"
            : $"Jejak audit dijangkarkan sampai entri nomor {anchor.Sequence}" + (anchor.TimestampAt is null ? " (tanpa stempel waktu: TSA belum diatur)" : " dengan stempel waktu");
    }
}
