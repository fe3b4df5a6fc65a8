using DocSign.Core.Archive;
using DocSign.Core.Ports;

namespace DocSign.Infrastructure.Storage;

/// <summary>
/// Wraps the configured object store and refuses to delete an archive object (key prefix <c>archive/</c>) before the
/// retention date written in its key; an archive key without a date, and a Permanen or to-be-appraised one, is never deleted. Every caller (sweeper,
/// rollback, any future API) goes through this wrapper, so the rule holds without each of them knowing it.
/// </summary>
public sealed class RetentionGuardedObjectStore(IObjectStore inner, TimeProvider clock) : IObjectStore
{
    public IObjectStore Inner => inner;

    public Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

    public Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default) => inner.StatAsync(key, cancellationToken);

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key.StartsWith(ArchiveKeys.Prefix, StringComparison.Ordinal))
        {
            // A Permanen record (and one still to be appraised) is never deleted, whatever the date: it goes to the
            // Dinas Kearsipan, not to the bin.
            if (ArchiveKeys.DispositionOf(key) != FinalDisposition.Musnah)
                throw new ArchiveRetentionException(key, ArchiveKeys.DueOf(key), permanent: true);
            var until = ArchiveKeys.RetainUntilOf(key);
            // The office keeps the object through the whole retention day (its own time zone is at most UTC+9).
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (until is null || today <= until.Value) throw new ArchiveRetentionException(key, until);
        }
        return inner.DeleteAsync(key, cancellationToken);
    }

    public Task CheckAsync(CancellationToken cancellationToken = default) => inner.CheckAsync(cancellationToken);
}
