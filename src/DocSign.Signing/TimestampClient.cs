using System.Formats.Asn1;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Signing;

/// <summary>Obtains RFC 3161 time-stamp tokens. Implementations must fail rather than fall back to a local clock.</summary>
public interface ITimestampClient
{
    /// <summary>
    /// Returns the DER TimeStampToken (a CMS ContentInfo) over <paramref name="hash"/>, after checking
    /// status, nonce, message imprint and the TSA certificate. Throws <see cref="SigningException"/>
    /// with <see cref="SigningErrorCode.TimestampFailed"/> otherwise.
    /// </summary>
    Task<TimestampResult> GetTokenAsync(Uri tsaUrl, ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken = default);
}

/// <summary>A checked time-stamp token and the time it proves.</summary>
/// <param name="Token">DER ContentInfo (SignedData over TSTInfo).</param>
/// <param name="Time">genTime of the token.</param>
/// <param name="TsaCertificate">The certificate that signed the token.</param>
public sealed record TimestampResult(byte[] Token, DateTimeOffset Time, X509Certificate2 TsaCertificate);

/// <summary>RFC 3161 over HTTP POST (application/timestamp-query).</summary>
public sealed class HttpTimestampClient : ITimestampClient
{
    private const int MaxResponseBytes = 256 * 1024;
    private readonly HttpClient _http;

    /// <summary>Uses <paramref name="http"/> (give it a short timeout: a TSA that hangs must fail the signing quickly).</summary>
    public HttpTimestampClient(HttpClient http) => _http = http;

    /// <summary>A client with its own HttpClient and a 15-second timeout.</summary>
    public HttpTimestampClient() : this(new HttpClient { Timeout = TimeSpan.FromSeconds(15) }) { }

    /// <summary>Tries per request when the connection breaks before any answer.</summary>
    private const int MaxAttempts = 3;

    /// <inheritdoc />
    public async Task<TimestampResult> GetTokenAsync(Uri tsaUrl, ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken = default)
    {
        byte[] nonce = RandomNumberGenerator.GetBytes(8);
        nonce[0] &= 0x7F; // keep it a positive INTEGER so the echo compares byte for byte
        if (nonce[0] == 0) nonce[0] = 1;
        var request = Rfc3161TimestampRequest.CreateFromHash(hash, hashAlgorithm, requestedPolicyId: null, nonce: nonce, requestSignerCertificates: true);
        byte[] body;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(request.Encode());
                content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
                using var response = await _http.PostAsync(tsaUrl, content, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                    throw Fail($"TSA {tsaUrl} menjawab HTTP {(int)response.StatusCode}.");
                body = await ReadLimitedAsync(response, cancellationToken).ConfigureAwait(false);
                break;
            }
            // A connection that breaks before any answer (reset, or a pooled keep-alive connection the TSA closed as it
            // was reused: seen from a loaded TSA) is asked again, up to three times in all: a timestamp request changes
            // nothing at the TSA, and the same nonce is checked in whatever answer comes. An HTTP error status or a
            // timeout is not retried.
            catch (HttpRequestException e) when (e.StatusCode is null && attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
            }
            catch (HttpRequestException e)
            {
                throw Fail($"TSA {tsaUrl} tidak dapat dihubungi ({e.Message}).", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw Fail($"TSA {tsaUrl} tidak menjawab dalam batas waktu.", e);
            }
        }

        Rfc3161TimestampToken token;
        try
        {
            // Checks status granted, nonce echoed, imprint and algorithm equal to the request, and the token's signature.
            token = request.ProcessResponse(body, out _);
        }
        catch (CryptographicException e)
        {
            throw Fail($"Jawaban TSA {tsaUrl} ditolak: {e.Message}", e);
        }

        if (!token.VerifySignatureForHash(hash.Span, hashAlgorithm, out X509Certificate2? tsaCert, extraCandidates: null) || tsaCert is null)
            throw Fail($"Tanda tangan pada stempel waktu dari {tsaUrl} tidak sah.");
        if (!HasCriticalTimeStampingEku(tsaCert))
            throw Fail($"Sertifikat TSA {tsaCert.Subject} tidak berwenang memberi stempel waktu (EKU timeStamping kritis tidak ada).");

        return new TimestampResult(ExtractTokenBytes(body), token.TokenInfo.Timestamp, tsaCert);
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes) throw Fail("Jawaban TSA terlalu besar.");
        await using var s = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var ms = new MemoryStream();
        var buf = new byte[16 * 1024];
        int n;
        while ((n = await s.ReadAsync(buf, ct).ConfigureAwait(false)) > 0)
        {
            ms.Write(buf, 0, n);
            if (ms.Length > MaxResponseBytes) throw Fail("Jawaban TSA terlalu besar.");
        }
        return ms.ToArray();
    }

    internal static bool HasCriticalTimeStampingEku(X509Certificate2 cert)
    {
        foreach (var ext in cert.Extensions)
            if (ext is X509EnhancedKeyUsageExtension eku)
                return eku.Critical && eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == Oids.EkuTimeStamping);
        return false;
    }

    /// <summary>TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo OPTIONAL }: the token's exact bytes.</summary>
    private static byte[] ExtractTokenBytes(byte[] response)
    {
        var seq = new AsnReader(response, AsnEncodingRules.BER).ReadSequence();
        seq.ReadEncodedValue(); // status
        return seq.ReadEncodedValue().ToArray();
    }

    private static SigningException Fail(string message, Exception? inner = null) =>
        new(SigningErrorCode.TimestampFailed, "Stempel waktu gagal: " + message + " Penandatanganan dibatalkan (tidak memakai jam lokal).", inner);
}
