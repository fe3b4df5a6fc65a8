using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Testing.Pki;

namespace DocSign.Testing.Attacks;

/// <summary>Fetches validation data (OCSP response, CRLs) from the sample PKI's loopback services, for DSS in tests.</summary>
public static class OnlineValidationData
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>An OCSP response for <paramref name="cert"/>, or null when the responder does not answer within 3 s.</summary>
    public static async Task<byte[]?> OcspFor(X509Certificate2 cert, X509Certificate2 issuer)
    {
        PkiServices.EnsureRunning();
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
        using (w.PushSequence())
        using (w.PushSequence())
        using (w.PushSequence())
        {
            using (w.PushSequence()) { w.WriteObjectIdentifier("1.3.14.3.2.26"); w.WriteNull(); }
            w.WriteOctetString(SHA1.HashData(issuer.SubjectName.RawData));
            w.WriteOctetString(SHA1.HashData(issuer.PublicKey.EncodedKeyValue.RawData));
            w.WriteInteger(cert.SerialNumberBytes.Span);
        }
        using var content = new ByteArrayContent(w.Encode());
        content.Headers.ContentType = new("application/ocsp-request");
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            using var resp = await Http.PostAsync(SamplePki.OcspUrl, content, cts.Token);
            resp.EnsureSuccessStatusCode();
            return await resp.Content.ReadAsByteArrayAsync(cts.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    public static async Task<byte[]> Crl(string name)
    {
        PkiServices.EnsureRunning();
        return await Http.GetByteArrayAsync(new Uri(SamplePki.CrlBaseUrl, name));
    }
}
