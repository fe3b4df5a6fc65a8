using DocSign.Core.Documents;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Core.Storage;

/// <summary>
/// Removes document objects that no version refers to: left by uploads whose database write failed
/// after the bytes were stored (the upload order guarantees the reverse never happens).
/// </summary>
public sealed class SweepOrphanObjectsHandler(
    IObjectStore store,
    IDocumentRepository documents,
    TimeProvider clock,
    IOptions<SweeperOptions> options,
    ILogger<SweepOrphanObjectsHandler> logger)
{
    private const int Batch = 200;

    /// <returns>The keys deleted.</returns>
    public async Task<IReadOnlyList<string>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.MinAge;
        var deleted = new List<string>();
        var candidates = new List<string>();
        await foreach (var obj in store.ListAsync(VersionUploader.KeyPrefix, cancellationToken))
        {
            if (obj.LastModified > cutoff) continue;
            candidates.Add(obj.Key);
            if (candidates.Count >= Batch)
            {
                await SweepAsync(candidates, deleted, cancellationToken);
                candidates.Clear();
            }
        }
        await SweepAsync(candidates, deleted, cancellationToken);
        if (deleted.Count > 0)
            logger.LogInformation("Swept {Count} orphan objects older than {Cutoff}", deleted.Count, cutoff);
        return deleted;
    }

    private async Task SweepAsync(List<string> candidates, List<string> deleted, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0) return;
        var referenced = await documents.FindReferencedKeysAsync(candidates, cancellationToken);
        foreach (var key in candidates.Where(k => !referenced.Contains(k)))
        {
            await store.DeleteAsync(key, cancellationToken);
            logger.LogInformation("Deleted orphan object {Key}", key);
            deleted.Add(key);
        }
    }
}
