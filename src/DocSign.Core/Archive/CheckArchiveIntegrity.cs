using DocSign.Core.Access;
using System.Security.Cryptography;
using DocSign.Core.Audit;
using DocSign.Core.Letters;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Archive;

/// <summary>
/// Re-reads every current archive object and compares its SHA-256 with the one taken when it was archived. A changed
/// or missing object is recorded on the copy (the Arsip page and API show it) and in the audit trail.
/// </summary>
public sealed class CheckArchiveIntegrityHandler(
    IArchiveRepository archive, IUnitOfWork unitOfWork, IObjectStore store, IAuditTrail audit, TimeProvider clock, ILogger<CheckArchiveIntegrityHandler> logger)
{
    public async Task<(int Checked, int Bad)> HandleAsync(CancellationToken cancellationToken = default)
    {
        var copies = await archive.ListCurrentAsync(100_000, cancellationToken);
        var bad = 0;
        foreach (var copy in copies)
        {
            string status;
            string? detail = null;
            try
            {
                await using var content = await store.OpenReadAsync(copy.Key, cancellationToken);
                var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
                status = sha == copy.Sha256 ? IntegrityStatus.Ok : IntegrityStatus.Mismatch;
                if (status == IntegrityStatus.Mismatch) detail = $"SHA-256 sekarang {sha}, seharusnya {copy.Sha256}";
            }
            catch (ObjectNotFoundException)
            {
                status = IntegrityStatus.Missing;
                detail = "Objek arsip tidak ditemukan di penyimpanan.";
            }
            var changed = status != copy.IntegrityStatus;
            copy.RecordIntegrity(status, detail, clock.GetUtcNow());
            if (status != IntegrityStatus.Ok)
            {
                bad++;
                logger.LogWarning("Archive object {Key} failed its integrity check: {Status}", copy.Key, status);
                if (changed)
                    audit.Record(new AuditEvent(AuditActions.ArchiveIntegrity, AuditOutcome.Failed)
                    {
                        OfficeId = copy.OfficeId, DocumentId = copy.DocumentId, Sha256 = copy.Sha256, ActorName = SystemActor.Name,
                        Detail = $"{copy.Key}: {status}",
                    });
            }
        }
        await unitOfWork.SaveAsync(cancellationToken);
        logger.LogInformation("Archive integrity: {Checked} objects checked, {Bad} bad", copies.Count, bad);
        return (copies.Count, bad);
    }
}
