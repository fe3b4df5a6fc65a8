using System.Formats.Asn1;
using System.Net;
using System.Net.Http.Headers;

namespace DocSign.Infrastructure.Outbound;

/// <summary>
/// CRLs fetched through the outbound client, kept in memory per address until the CRL's nextUpdate (capped by
/// <see cref="OutboundOptions.CrlCacheMaxAge"/>) and shared by every request: one B-LTA signature asks for the same
/// CA's CRL at the signer check, in the DSS of the signature and again in the DSS of the document timestamp, and
/// twenty Camats signing at once ask for it twenty times more. Only what the validator then reads is cached: the bytes
/// as fetched; it still checks the CRL's signature and freshness against the validation time on every use, so a
/// cached CRL can never make an answer "good" that a fresh fetch of the same bytes would not.
/// </summary>
public sealed class CrlCache(TimeProvider clock, int maxEntries = CrlCache.DefaultMaxEntries, long maxEntryBytes = CrlCache.DefaultMaxEntryBytes)
{
    /// <summary>Most addresses kept; beyond it the entry closest to expiry makes room.</summary>
    public const int DefaultMaxEntries = 64;

    /// <summary>Largest CRL kept (bigger ones are fetched each time): 64 entries of it bound the memory used.</summary>
    public const long DefaultMaxEntryBytes = 2 * 1024 * 1024;

    private readonly Dictionary<string, (byte[] Body, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The bytes kept for <paramref name="url"/> if they have not expired yet.</summary>
    public byte[]? TryGet(string url)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(url, out var e)) return null;
            if (e.Expires > clock.GetUtcNow()) return e.Body;
            _entries.Remove(url);
            return null;
        }
    }

    /// <summary>
    /// Keeps <paramref name="body"/> for <paramref name="url"/> when it is a DER CRL whose nextUpdate is still ahead,
    /// until the earlier of nextUpdate and now + <paramref name="maxAge"/>. Returns whether it was kept.
    /// </summary>
    public bool Store(string url, byte[] body, TimeSpan maxAge)
    {
        if (maxAge <= TimeSpan.Zero || body.LongLength > maxEntryBytes || NextUpdate(body) is not { } next) return false;
        var now = clock.GetUtcNow();
        var expires = next < now + maxAge ? next : now + maxAge;
        if (expires <= now) return false;
        lock (_lock)
        {
            if (!_entries.ContainsKey(url) && _entries.Count >= maxEntries)
            {
                var soonest = _entries.MinBy(kv => kv.Value.Expires).Key;
                _entries.Remove(soonest);
            }
            _entries[url] = (body, expires);
            return true;
        }
    }

    /// <summary>Number of entries kept (expired ones included until next asked for).</summary>
    public int Count { get { lock (_lock) return _entries.Count; } }

    /// <summary>
    /// nextUpdate of a DER CertificateList (RFC 5280 §5.1), or null when the bytes are not one or carry none: a
    /// CRL without nextUpdate says nothing about how long it stays current, so it is not kept.
    /// </summary>
    public static DateTimeOffset? NextUpdate(byte[] der)
    {
        try
        {
            var list = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbs = list.ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) tbs.ReadInteger(); // version
            tbs.ReadSequence();      // signature algorithm
            tbs.ReadSequence();      // issuer
            ReadTime(tbs);           // thisUpdate
            if (!tbs.HasData) return null;
            var tag = tbs.PeekTag();
            if (!tag.HasSameClassAndValue(Asn1Tag.UtcTime) && !tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime)) return null;
            return ReadTime(tbs);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static DateTimeOffset ReadTime(AsnReader r) =>
        r.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? r.ReadUtcTime() : r.ReadGeneralizedTime();
}

/// <summary>
/// The outbound client's handler that answers a GET from <see cref="CrlCache"/> when it holds the address, and keeps
/// successful GET answers that turn out to be CRLs. It sits outside the size limit, so what it buffers was limited.
/// OCSP (POST, with a fresh nonce each time) passes through untouched.
/// </summary>
internal sealed class CrlCachingHandler(CrlCache cache, TimeSpan maxAge) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get || request.RequestUri is not { IsAbsoluteUri: true } uri || maxAge <= TimeSpan.Zero)
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var url = uri.AbsoluteUri;
        if (cache.TryGet(url) is { } kept) return Answer(request, kept);

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK) return response;
        byte[] body;
        MediaTypeHeaderValue? type;
        using (response)
        {
            type = response.Content.Headers.ContentType;
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        cache.Store(url, body, maxAge);
        return Answer(request, body, type);
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request, byte[] body, MediaTypeHeaderValue? type = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = type ?? new MediaTypeHeaderValue("application/pkix-crl");
        return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content };
    }
}
