using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Validation.Crypto;

namespace DocSign.Validation.Revocation;

/// <summary>Revocation material found in the file (DSS, CMS revocation archival), with where it came from.</summary>
internal sealed class EmbeddedRevocation
{
    public List<(OcspResponse Response, string Source)> Ocsps { get; } = new();
    public List<(Crl Crl, string Source)> Crls { get; } = new();
    public List<X509Certificate2> Certificates { get; } = new();
}

/// <summary>Outcome of building and checking a certificate chain at a given time.</summary>
internal sealed class ChainResult
{
    public bool Trusted { get; set; }
    public ValidationStatus Status { get; private set; } = ValidationStatus.Passed;
    public Indication Indication => Status.Indication;
    public SubIndication SubIndication => Status.SubIndication;
    public List<X509Certificate2> Chain { get; } = new();
    public string? RevocationSource { get; set; }
    /// <summary>Revocation status of the end certificate was established from data in the file.</summary>
    public bool RevocationFromFile { get; set; }
    public List<string> Messages { get; } = new();
    /// <summary>Keys of the findings among <see cref="Messages"/> that have one.</summary>
    public List<MessageKey> MessageKeys { get; } = new();

    public void Fail(ValidationStatus status, string message)
    {
        Messages.Add(message);
        Status = Status.Then(status);
    }
}

/// <summary>
/// Builds the chain to a configured anchor (X509Chain with a custom root trust, at the validation time) and
/// establishes revocation for every certificate below the anchor: OCSP or CRL from the file first, then online
/// for chains that reached an anchor.
/// </summary>
internal sealed class CertificateValidator
{
    private readonly VerificationOptions _options;
    private readonly EmbeddedRevocation _embedded;
    private readonly HttpClient _http;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, byte[]?> _fetched = new();

    private readonly IReadOnlyCollection<string>? _requiredPolicies;

    /// <param name="requiredPolicies">Certificate policies the path must be valid for (explicitly); null: any policy,
    /// and only where the path's own CAs require one.</param>
    public CertificateValidator(VerificationOptions options, EmbeddedRevocation embedded, HttpClient http, DateTimeOffset now,
        IReadOnlyCollection<string>? requiredPolicies = null)
    {
        _requiredPolicies = requiredPolicies is { Count: > 0 } ? requiredPolicies : null;
        _options = options;
        _embedded = embedded;
        _http = http;
        _now = now;
    }

    /// <param name="cert">End certificate.</param>
    /// <param name="time">Time to validate at: a proven (timestamp) time, or now.</param>
    /// <param name="timeProven">Whether <paramref name="time"/> is proven by a timestamp (a POE).</param>
    /// <param name="claimed">The signer's claimed time, used only to tell REVOKED from REVOKED_NO_POE.</param>
    /// <param name="extra">Certificates that may help build the chain.</param>
    /// <param name="requiredEku">An EKU the end certificate must carry (timestamping for TSAs).</param>
    /// <param name="ct">Cancels online fetches.</param>
    public async Task<ChainResult> ValidateAsync(X509Certificate2 cert, DateTimeOffset time, bool timeProven, DateTimeOffset? claimed,
        IEnumerable<X509Certificate2> extra, string? requiredEku, CancellationToken ct)
    {
        var result = new ChainResult();
        if (_options.TrustAnchors.Count == 0)
        {
            result.Fail(ValidationStatus.Indeterminate(IndeterminateSubIndication.NoCertificateChainFound), "tidak ada jangkar kepercayaan (trust anchor) yang dikonfigurasi");
            return result;
        }
        var path = PathBuilder.Build(cert, extra.Concat(_embedded.Certificates), _options.TrustAnchors, time, requiredEku,
            initialPolicies: _requiredPolicies, initialExplicitPolicy: _requiredPolicies is not null);
        result.Chain.AddRange(path.Chain);
        switch (path.Problem)
        {
            case PathProblem.NoPath:
                result.Fail(ValidationStatus.Indeterminate(IndeterminateSubIndication.NoCertificateChainFound),
                    "rantai sertifikat tidak berakhir pada jangkar kepercayaan yang dikonfigurasi: " + path.Message);
                return result;
            case PathProblem.NotTimeValid:
                result.Fail(ValidationStatus.Indeterminate(IndeterminateSubIndication.OutOfBoundsNoPoe),
                    path.Message + (timeProven ? " (waktu stempel)" : " (tidak ada stempel waktu yang membuktikan waktu penandatanganan)"));
                break;
            case PathProblem.Policy:
                result.Fail(ValidationStatus.Indeterminate(IndeterminateSubIndication.ChainConstraintsFailure),
                    ValidationMessages.Text(MessageKey.CertificatePolicyConstraintsFailure, path.Message));
                result.MessageKeys.Add(MessageKey.CertificatePolicyConstraintsFailure);
                break;
            case PathProblem.Constraints:
            case PathProblem.Usage:
                result.Fail(ValidationStatus.Indeterminate(IndeterminateSubIndication.ChainConstraintsFailure), path.Message!);
                break;
        }
        result.Trusted = true;
        // Addresses named in certificates are contacted only for a chain that reached an anchor and passed every
        // structural check: otherwise anyone could make the verifier call any address by uploading a file.
        var mayFetch = path.Problem == PathProblem.None;

        // Revocation for every certificate below the anchor.
        for (int i = 0; i < result.Chain.Count - 1; i++)
        {
            var c = result.Chain[i];
            var issuer = result.Chain[i + 1];
            if (i > 0 || !HasOcspNoCheck(c))
            {
                var (status, revTime, source, msg, reason) = await StatusAsync(c, issuer, time, mayFetch, ct).ConfigureAwait(false);
                if (i == 0) { result.RevocationSource = source; result.RevocationFromFile = source is "DSS" or "CMS"; }
                var who = i == 0 ? "sertifikat penanda tangan" : "sertifikat CA " + c.GetNameInfo(X509NameType.SimpleName, false);
                switch (status)
                {
                    case CertStatus.Good:
                        break;
                    case CertStatus.Revoked:
                        if (revTime <= time && (timeProven || (claimed is { } cl && revTime <= cl)))
                            result.Fail(ValidationStatus.Failed(FailedSubIndication.Revoked), $"{who} dicabut pada {revTime:yyyy-MM-dd HH:mm:ss} UTC{RevocationReasons.Because(reason)}");
                        else if (!timeProven)
                            result.Fail(ValidationStatus.Indeterminate(IndeterminateSubIndication.RevokedNoPoe), $"{who} dicabut pada {revTime:yyyy-MM-dd HH:mm:ss} UTC{RevocationReasons.Because(reason)}, dan tidak ada stempel waktu yang membuktikan tanda tangan dibuat sebelumnya");
                        else
                            result.Messages.Add($"{who} dicabut pada {revTime:yyyy-MM-dd HH:mm:ss} UTC{RevocationReasons.Because(reason)}, setelah waktu yang dibuktikan stempel waktu");
                        break;
                    default:
                        result.Fail(ValidationStatus.Indeterminate(IndeterminateSubIndication.TryLater), $"status pencabutan {who} tidak dapat dipastikan" + (msg is null ? "" : ": " + msg));
                        break;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Fetches fresh revocation data for <paramref name="cert"/> online (for `extend`): a verified OCSP response that
    /// says good or revoked, else a verified CRL of the issuer. Returns the DER as fetched, or nulls with a reason.
    /// </summary>
    internal async Task<(byte[]? Ocsp, byte[]? Crl, CertStatus Status, string? Problem)> FetchAsync(X509Certificate2 cert, X509Certificate2 issuer, CancellationToken ct)
    {
        string? problem = null;
        foreach (var url in Urls(cert, Oids.AuthorityInfoAccess))
        {
            var nonce = RandomNumberGenerator.GetBytes(16);
            var body = await PostAsync(url, OcspResponse.BuildRequest(cert, issuer, nonce), ct).ConfigureAwait(false);
            if (body is null) { problem = $"OCSP {url} tidak menjawab"; continue; }
            var resp = OcspResponse.TryParse(body, out var err);
            if (resp is null) { problem = err; continue; }
            if (resp.Nonce is { } n && !NonceMatches(n, nonce)) { problem = "nonce OCSP tidak cocok"; continue; }
            var r = Evaluate(resp, cert, issuer, _now.AddMinutes(-5), ref problem, online: true);
            if (r is { Status: not CertStatus.Unknown } v) return (body, null, v.Status, null);
        }
        foreach (var url in Urls(cert, Oids.CrlDistributionPoints))
        {
            var body = await GetAsync(url, ct).ConfigureAwait(false);
            if (body is null) { problem = $"CRL {url} tidak dapat diunduh"; continue; }
            var crl = Crl.TryParse(body, out var err);
            if (crl is null) { problem = err; continue; }
            var r = Evaluate(crl, cert, issuer, _now.AddMinutes(-5), ref problem, online: true);
            if (r is { } v) return (null, body, v.Status, null);
        }
        return (null, null, CertStatus.Unknown, problem ?? "sertifikat tidak menyebut alamat OCSP atau CRL");
    }

    internal static bool HasOcspNoCheck(X509Certificate2 c) => c.Extensions.Cast<X509Extension>().Any(e => e.Oid?.Value == Oids.OcspNoCheck);

    private async Task<(CertStatus Status, DateTimeOffset? RevTime, string? Source, string? Message, int? Reason)> StatusAsync(
        X509Certificate2 cert, X509Certificate2 issuer, DateTimeOffset time, bool mayFetch, CancellationToken ct)
    {
        string? lastProblem = null;
        // Embedded first: a revoked answer from any verified source wins over good ones.
        (CertStatus, DateTimeOffset?, string?, string?, int?)? good = null;
        foreach (var (resp, source) in _embedded.Ocsps)
        {
            var r = Evaluate(resp, cert, issuer, time, ref lastProblem);
            if (r is { } v)
            {
                if (v.Status == CertStatus.Revoked) return (v.Status, v.RevTime, source, null, v.Reason);
                if (v.Status == CertStatus.Good) good ??= (v.Status, v.RevTime, source, null, null);
            }
        }
        foreach (var (crl, source) in _embedded.Crls)
        {
            var r = Evaluate(crl, cert, issuer, time, ref lastProblem);
            if (r is { } v)
            {
                if (v.Status == CertStatus.Revoked) return (v.Status, v.RevTime, source, null, v.Reason);
                good ??= (v.Status, null, source, null, null);
            }
        }
        if (good is { } g) return g;
        if (!_options.AllowOnlineRevocation) return (CertStatus.Unknown, null, null, lastProblem ?? "tidak ada data pencabutan dalam berkas dan pemeriksaan daring dimatikan", null);
        if (!mayFetch) return (CertStatus.Unknown, null, null, lastProblem ?? "tidak ada data pencabutan dalam berkas; rantai sertifikat tidak lolos pemeriksaan, jadi tidak diperiksa daring", null);

        foreach (var url in Urls(cert, Oids.AuthorityInfoAccess))
        {
            var nonce = RandomNumberGenerator.GetBytes(16);
            var body = await PostAsync(url, OcspResponse.BuildRequest(cert, issuer, nonce), ct).ConfigureAwait(false);
            // One text whatever happened at that address (refused, silent, garbage): the answer must not tell an
            // uploader which ports are open where.
            if (body is null) { lastProblem = $"OCSP {url} tidak dapat diperiksa"; continue; }
            var resp = OcspResponse.TryParse(body, out _);
            if (resp is null) { lastProblem = $"OCSP {url} tidak dapat diperiksa"; continue; }
            if (resp.Nonce is { } n && !NonceMatches(n, nonce)) { lastProblem = "nonce OCSP tidak cocok"; continue; }
            var r = Evaluate(resp, cert, issuer, _now.AddMinutes(-5) < time ? time : _now.AddMinutes(-5), ref lastProblem, online: true);
            if (r is { Status: not CertStatus.Unknown } v) return (v.Status, v.RevTime, "OCSP online", null, v.Reason);
        }
        foreach (var url in Urls(cert, Oids.CrlDistributionPoints))
        {
            var body = await GetAsync(url, ct).ConfigureAwait(false);
            if (body is null) { lastProblem = $"CRL {url} tidak dapat diperiksa"; continue; }
            var crl = Crl.TryParse(body, out _);
            if (crl is null) { lastProblem = $"CRL {url} tidak dapat diperiksa"; continue; }
            var r = Evaluate(crl, cert, issuer, time, ref lastProblem, online: true);
            if (r is { } v) return (v.Status, v.RevTime, "CRL online", null, v.Reason);
        }
        return (CertStatus.Unknown, null, null, lastProblem ?? "tidak ada data pencabutan (OCSP/CRL) yang dapat digunakan", null);
    }

    private static bool NonceMatches(byte[] responseValue, byte[] nonce)
    {
        if (responseValue.AsSpan().SequenceEqual(nonce)) return true;
        try { return new System.Formats.Asn1.AsnReader(responseValue, System.Formats.Asn1.AsnEncodingRules.DER).ReadOctetString().AsSpan().SequenceEqual(nonce); }
        catch (System.Formats.Asn1.AsnContentException) { return false; }
    }

    /// <summary>
    /// A verified OCSP answer about <paramref name="cert"/> that says something about <paramref name="time"/>:
    /// good only counts when the response was produced at or after that time, or its validity window covers it.
    /// </summary>
    private (CertStatus Status, DateTimeOffset? RevTime, int? Reason)? Evaluate(OcspResponse resp, X509Certificate2 cert, X509Certificate2 issuer,
        DateTimeOffset time, ref string? problem, bool online = false)
    {
        if (resp.ResponseStatus != 0) { problem = $"respons OCSP berstatus {resp.ResponseStatus}"; return null; }
        var single = resp.Find(cert, issuer);
        if (single is null) return null;
        if (resp.VerifySignature(issuer, out var sigProblem) is null) { problem = sigProblem; return null; }
        if (single.Status == CertStatus.Revoked) return (CertStatus.Revoked, single.RevocationTime, single.RevocationReason);
        if (single.Status == CertStatus.Unknown) { problem = "OCSP menjawab status tidak diketahui"; return (CertStatus.Unknown, null, null); }
        if (single.NextUpdate is { } nu && nu < _now && online) { problem = "respons OCSP daring sudah kedaluwarsa"; return null; }
        var fresh = single.ThisUpdate >= time.AddMinutes(-5) || (single.NextUpdate is { } next && next >= time);
        if (!fresh) { problem = $"respons OCSP ({single.ThisUpdate:yyyy-MM-dd HH:mm} UTC) lebih lama dari waktu validasi"; return null; }
        return (CertStatus.Good, null, null);
    }

    private (CertStatus Status, DateTimeOffset? RevTime, int? Reason)? Evaluate(Crl crl, X509Certificate2 cert, X509Certificate2 issuer,
        DateTimeOffset time, ref string? problem, bool online = false)
    {
        if (!cert.IssuerName.RawData.AsSpan().SequenceEqual(crl.Issuer)) return null;
        if (!crl.VerifySignature(issuer)) { problem = "tanda tangan CRL tidak valid"; return null; }
        if (crl.RevocationOf(cert) is { } t) return (CertStatus.Revoked, t, crl.ReasonOf(cert));
        if (online && crl.NextUpdate is { } nu && nu < _now) { problem = "CRL daring sudah kedaluwarsa"; return null; }
        var fresh = crl.ThisUpdate >= time.AddMinutes(-5) || (crl.NextUpdate is { } next && next >= time);
        if (!fresh) { problem = $"CRL ({crl.ThisUpdate:yyyy-MM-dd HH:mm} UTC) lebih lama dari waktu validasi"; return null; }
        return (CertStatus.Good, null, null);
    }

    /// <summary>HTTP(S) addresses from AIA (OCSP) or CRL distribution points, read from the extension's DER.</summary>
    internal static IEnumerable<string> Urls(X509Certificate2 cert, string extOid)
    {
        var ext = cert.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == extOid);
        if (ext is null) yield break;
        var list = new List<string>();
        try
        {
            if (extOid == Oids.AuthorityInfoAccess)
            {
                var aia = new X509AuthorityInformationAccessExtension(ext.RawData, ext.Critical);
                list.AddRange(aia.EnumerateOcspUris());
            }
            else
            {
                // CRLDistributionPoints: find every uniformResourceIdentifier [6] IA5String.
                FindUris(new System.Formats.Asn1.AsnReader(ext.RawData, System.Formats.Asn1.AsnEncodingRules.DER), list, 0);
            }
        }
        catch (Exception e) when (e is CryptographicException or System.Formats.Asn1.AsnContentException) { }
        foreach (var u in list)
            if (Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                yield return u;
    }

    private static void FindUris(System.Formats.Asn1.AsnReader r, List<string> into, int depth)
    {
        if (depth > 8) return;
        while (r.HasData)
        {
            var tag = r.PeekTag();
            if (tag.TagClass == System.Formats.Asn1.TagClass.ContextSpecific && tag.TagValue == 6 && !tag.IsConstructed)
            {
                into.Add(r.ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, tag));
            }
            else if (tag.IsConstructed)
            {
                var inner = r.ReadEncodedValue();
                var innerReader = new System.Formats.Asn1.AsnReader(inner, System.Formats.Asn1.AsnEncodingRules.DER);
                var contents = System.Formats.Asn1.AsnDecoder.ReadEncodedValue(inner.Span, System.Formats.Asn1.AsnEncodingRules.DER, out var off, out var len, out _);
                FindUris(new System.Formats.Asn1.AsnReader(inner.Slice(off, len), System.Formats.Asn1.AsnEncodingRules.DER), into, depth + 1);
            }
            else r.ReadEncodedValue();
        }
    }

    private async Task<byte[]?> PostAsync(string url, byte[] request, CancellationToken ct)
    {
        var key = "POST " + url + Convert.ToHexString(request);
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(_options.OnlineTimeout);
            using var content = new ByteArrayContent(request);
            content.Headers.ContentType = new("application/ocsp-request");
            using var resp = await _http.PostAsync(url, content, cts.Token).ConfigureAwait(false);
            if (!resp.IsSuccessStatusCode) return null;
            return await ReadLimited(resp, 1024 * 1024, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when ((e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException) && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<byte[]?> GetAsync(string url, CancellationToken ct)
    {
        if (_fetched.TryGetValue(url, out var cached)) return cached;
        byte[]? body = null;
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(_options.OnlineTimeout);
            using var resp = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            if (resp.IsSuccessStatusCode) body = await ReadLimited(resp, _options.MaxCrlDownload, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when ((e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException) && !ct.IsCancellationRequested)
        {
            body = null;
        }
        _fetched[url] = body;
        return body;
    }

    private static async Task<byte[]?> ReadLimited(HttpResponseMessage resp, int limit, CancellationToken ct)
    {
        await using var s = await resp.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var ms = new MemoryStream();
        var buf = new byte[81920];
        int n;
        while ((n = await s.ReadAsync(buf, ct).ConfigureAwait(false)) > 0)
        {
            if (ms.Length + n > limit) return null;
            ms.Write(buf, 0, n);
        }
        return ms.ToArray();
    }
}
