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

    public DateTimeOffset Put(string publicId, VerificationResult result)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        var now = clock.GetUtcNow();
        _entries[publicId] = (now, result);
        return now;
    }
}
