using DocSign.Core.Verification;
using DocSign.Core.Access;
using System.Security.Cryptography;
using DocSign.Core.Audit;
using DocSign.Core.Letters;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Core.Archive;

/// <summary>
/// Keeps archived signatures provable: a PDF copy whose newest timestamp's certificate expires within
/// <see cref="ArchiveOptions.RenewBeforeExpiry"/>, or that relies on a weakening algorithm, gets a fresh document
/// timestamp (B-LTA). The renewed file is a new archive object (keys are write-once) that supersedes the old copy;
/// both stay until their retention date.
/// </summary>
public sealed class RenewArchiveTimestampsHandler(
    IArchiveRepository archive, IUnitOfWork unitOfWork, IArchiveSignatures signatures, IPdfVerifier verifier, IObjectStore store, IAuditTrail audit, TimeProvider clock,
    IOptions<ArchiveOptions> options, ILogger<RenewArchiveTimestampsHandler> logger)
{
    public async Task<int> HandleAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = (await archive.ListCurrentAsync(100_000, cancellationToken))
            .Where(c => c.Role != ArchiveRoles.Manifest && c.IntegrityStatus != IntegrityStatus.Mismatch && c.IntegrityStatus != IntegrityStatus.Missing)
            .Where(c => c.WeakAlgorithm || c.TimestampExpiry is null || c.TimestampExpiry - now < options.Value.RenewBeforeExpiry)
            .ToList();
        var renewed = 0;
        foreach (var copy in due)
        {
            byte[] bytes;
            await using (var content = await store.OpenReadAsync(copy.Key, cancellationToken))
            {
                var ms = new MemoryStream();
                await content.CopyToAsync(ms, cancellationToken);
                bytes = ms.ToArray();
            }
            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != copy.Sha256)
            {
                logger.LogWarning("Not renewing {Key}: its bytes no longer match the archived hash", copy.Key);
                continue;
            }
            var extended = await signatures.AddDocumentTimestampAsync(bytes, cancellationToken);
            var check = await verifier.VerifyAsync(new MemoryStream(extended, writable: false), null, cancellationToken);
            var slash = copy.Key.LastIndexOf('/');
            var name = copy.Key[(slash + 1)..];
            var stem = name.EndsWith(".pdf", StringComparison.Ordinal) ? name[..^4] : name;
            var key = $"{copy.Key[..slash]}/{stem}-lta-{now:yyyyMMddHHmmss}.pdf";
            var stored = await store.PutAsync(key, new MemoryStream(extended, writable: false), cancellationToken);
            var fresh = new ArchiveCopy(Guid.NewGuid(), copy.OfficeId, copy.DocumentId, copy.LetterId, copy.Role, key, stored.Sha256 ?? "",
                stored.Size, check.Verdict, copy.RetentionClass, copy.RetainUntil, now, check.ProofExpiry, check.Strength.Weak, copy.Id);
            archive.Add(fresh);
            copy.SupersedeBy(fresh.Id);
            audit.Record(new AuditEvent(AuditActions.ArchiveRenewed)
            {
                OfficeId = copy.OfficeId, DocumentId = copy.DocumentId, Sha256 = fresh.Sha256, ActorName = SystemActor.Name,
                Detail = $"{copy.Key} → {key}: stempel waktu dokumen baru (sebelumnya berlaku s.d. {copy.TimestampExpiry:yyyy-MM-dd}{(copy.WeakAlgorithm ? ", algoritme melemah" : "")})",
            });
            await unitOfWork.SaveAsync(cancellationToken);
            renewed++;
            logger.LogInformation("Renewed archive copy {Key} with a document timestamp: {NewKey}", copy.Key, key);
        }
        return renewed;
    }
}
