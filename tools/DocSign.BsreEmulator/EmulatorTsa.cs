using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using DocSign.Signing;

namespace DocSign.BsreEmulator;

/// <summary>
/// The emulator's RFC 3161 time-stamping authority ("CONTOH Timestamp Authority BSrE"): in-process for the
/// emulator's own signatures, and over HTTP (<c>/tsa</c>, application/timestamp-query) for anyone else.
/// </summary>
public sealed class EmulatorTsa(X509Certificate2 tsa, X509Certificate2 ca, TimeProvider clock) : ITimestampClient
{
    private const string TstInfoOid = "1.2.840.113549.1.9.16.1.4";
    private const string PolicyOid = "2.16.360.1.1.1.99.20"; // a sample policy arc, not BSSN's
    private long _serial = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 12;

    public Task<TimestampResult> GetTokenAsync(Uri tsaUrl, ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken = default)
    {
        var (token, time) = Stamp(hash.Span, OidOf(hashAlgorithm), nonce: null);
        return Task.FromResult(new TimestampResult(token, time, X509CertificateLoader.LoadCertificate(tsa.RawData)));
    }

    /// <summary>Answers a DER TimeStampReq with a DER TimeStampResp (status granted, or rejection for a bad request).</summary>
    public byte[] Respond(byte[] request)
    {
        if (!Rfc3161TimestampRequest.TryDecode(request, out var req, out _))
            return Rejection();
        var nonce = req.GetNonce();
        var (token, _) = Stamp(req.GetMessageHash().Span, req.HashAlgorithmId.Value!, nonce is { } n ? n.ToArray() : null);
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence()) w.WriteInteger(0);
            w.WriteEncodedValue(token);
        }
        return w.Encode();
    }

    private static byte[] Rejection()
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
            w.WriteInteger(2);
        return w.Encode();
    }

    private (byte[] Token, DateTimeOffset Time) Stamp(ReadOnlySpan<byte> imprint, string hashOid, byte[]? nonce)
    {
        var time = clock.GetUtcNow();
        time = time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(1);
            w.WriteObjectIdentifier(PolicyOid);
            using (w.PushSequence())
            {
                using (w.PushSequence()) { w.WriteObjectIdentifier(hashOid); w.WriteNull(); }
                w.WriteOctetString(imprint);
            }
            w.WriteInteger(new BigInteger(Interlocked.Increment(ref _serial)));
            w.WriteGeneralizedTime(time, omitFractionalSeconds: true);
            using (w.PushSequence()) w.WriteInteger(1); // accuracy: 1 s
            if (nonce is not null) w.WriteInteger(new BigInteger(nonce, isUnsigned: false, isBigEndian: true));
        }
        var content = new ContentInfo(new Oid(TstInfoOid), w.Encode());
        var cms = new SignedCms(content, detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, tsa)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.Certificates.Add(ca);
        signer.SignedAttributes.Add(new AsnEncodedData("1.2.840.113549.1.9.16.2.47", SigningCertificateV2(tsa, ca)));
        cms.ComputeSignature(signer);
        return (cms.Encode(), time);
    }

    /// <summary>ESS signing-certificate-v2 naming the TSA certificate (SHA-256, with issuerSerial).</summary>
    internal static byte[] SigningCertificateV2(X509Certificate2 cert, X509Certificate2 issuer)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
        using (w.PushSequence())
        {
            w.WriteOctetString(SHA256.HashData(cert.RawData));
            using (w.PushSequence())
            {
                using (w.PushSequence())
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4)))
                    w.WriteEncodedValue(cert.IssuerName.RawData);
                w.WriteInteger(new BigInteger(Convert.FromHexString(cert.SerialNumber), isUnsigned: true, isBigEndian: true));
            }
        }
        return w.Encode();
    }

    private static string OidOf(HashAlgorithmName h) => h.Name switch
    {
        "SHA256" => "2.16.840.1.101.3.4.2.1",
        "SHA384" => "2.16.840.1.101.3.4.2.2",
        "SHA512" => "2.16.840.1.101.3.4.2.3",
        _ => throw new CryptographicException($"Unsupported hash {h.Name}"),
    };
}
