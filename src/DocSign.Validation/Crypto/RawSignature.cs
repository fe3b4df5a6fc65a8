using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Validation.Crypto;

/// <summary>Checks an X.509-style signature (OCSP responses, CRLs): an AlgorithmIdentifier, the signed bytes, a BIT STRING value.</summary>
internal static class RawSignature
{
    public static bool Verify(X509Certificate2 signer, string algOid, ReadOnlyMemory<byte>? parameters, ReadOnlySpan<byte> tbs, ReadOnlySpan<byte> signature)
    {
        try
        {
            var (family, hash) = Oids.Signature(algOid);
            switch (family)
            {
                case Oids.KeyFamily.Rsa when hash is { } h:
                {
                    var rsa = CertificateCache.Rsa(signer);
                    return rsa is not null && rsa.VerifyData(tbs, signature, h, RSASignaturePadding.Pkcs1);
                }
                case Oids.KeyFamily.RsaPss:
                {
                    var rsa = CertificateCache.Rsa(signer);
                    var pss = PssParameters.Read(parameters);
                    return rsa is not null && pss is not null && RsaPss.VerifyHash(rsa, HashData(pss.Hash, tbs), signature, pss);
                }
                case Oids.KeyFamily.Ecdsa when hash is { } h:
                {
                    var ec = CertificateCache.Ecdsa(signer);
                    return ec is not null && ec.VerifyData(tbs, signature, h, DSASignatureFormat.Rfc3279DerSequence);
                }
                default:
                    return false;
            }
        }
        catch (CryptographicException) { return false; }
    }

    private static byte[] HashData(HashAlgorithmName h, ReadOnlySpan<byte> data)
    {
        using var ih = IncrementalHash.CreateHash(h);
        ih.AppendData(data);
        return ih.GetHashAndReset();
    }

    /// <summary>Whether <paramref name="issuer"/> issued <paramref name="cert"/>: names match and the signature verifies.</summary>
    public static bool Issued(X509Certificate2 issuer, X509Certificate2 cert)
    {
        if (!issuer.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData)) return false;
        try
        {
            var outer = new AsnReader(cert.RawData, AsnEncodingRules.DER).ReadSequence();
            var tbs = outer.ReadEncodedValue();
            var alg = CmsSignedData.ReadAlgorithm(outer, out var p);
            var sig = outer.ReadBitString(out _);
            return Verify(issuer, alg, p, tbs.Span, sig);
        }
        catch (AsnContentException) { return false; }
    }
}
