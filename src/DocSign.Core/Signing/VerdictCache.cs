using System.Collections.Concurrent;
using DocSign.Core.Verification;
using Microsoft.Extensions.Options;

namespace DocSign.Core.Signing;

/// <summary>
/// Recent verifications of signed versions by public id, so that a QR code scanned by many people does not
/// re-verify the file (and ask OCSP responders) for each of them. Entries live
/// <see cref="SigningOptions.VerdictCacheDuration"/>; the cache is bounded.
/// </summary>
public sealed class VerdictCache(TimeProvider clock, IOptions<SigningOptions> options)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, VerificationResult Result)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string publicId, out VerificationResult result, out DateTimeOffset checkedAt)
    {
        if (_entries.TryGetValue(publicId, out var e) && clock.GetUtcNow() - e.At < options.Value.VerdictCacheDuration)
        {
            result = e.Result;
            checkedAt = e.At;
            return true;
        }
        result = null!;
        checkedAt = default;
        return false;
    }

    /// <summary>
    /// The cached verification under <paramref name="key"/>, or a fresh one of the stored object <paramref name="objectKey"/>
    /// (copied to a temporary file that is deleted on close, so a large file is never held in memory), then cached.
    /// Storage exceptions (<see cref="Ports.StorageUnavailableException"/>, <see cref="Ports.ObjectNotFoundException"/>) reach the caller.
    /// </summary>
    public async Task<(VerificationResult Result, DateTimeOffset CheckedAt)> GetOrVerifyAsync(string key, string objectKey, Ports.IObjectStore store,
        IPdfVerifier verifier, CancellationToken cancellationToken)
    {
        if (TryGet(key, out var cached, out var at)) return (cached, at);
        await using var content = await store.OpenReadAsync(objectKey, cancellationToken);
        await using var copy = new FileStream(Path.Combine(Path.GetTempPath(), $"docsign-pub-{Guid.NewGuid():N}.pdf"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await content.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        var result = await verifier.VerifyAsync(copy, null, cancellationToken);
        return (result, Put(key, result));
    }

    public DateTimeOffset Put(string publicId, VerificationResult result)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        var now = clock.GetUtcNow();
        _entries[publicId] = (now, result);
        return now;
    }
}
