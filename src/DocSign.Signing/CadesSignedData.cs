using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Signing;

/// <summary>
/// Builds a detached CAdES SignedData (RFC 5652 / ETSI EN 319 122-1 baseline) from a digest, so the
/// document itself never has to be in memory. Signed attributes: content-type, message-digest,
/// signing-certificate-v2 (no signing-time: PAdES keeps the claimed time in /M).
/// </summary>
public static class CadesSignedData
{
    /// <summary>The digest algorithm's OID (SHA-256/384/512).</summary>
    public static string DigestOid(HashAlgorithmName hash) => hash.Name switch
    {
        "SHA256" => Oids.Sha256,
        "SHA384" => Oids.Sha384,
        "SHA512" => Oids.Sha512,
        _ => throw new ArgumentException($"Unsupported digest {hash.Name}; use SHA-256 or stronger.", nameof(hash)),
    };

    /// <summary>The signature algorithm OID for a key of the certificate's kind and the digest.</summary>
    public static string SignatureAlgorithmOid(X509Certificate2 certificate, HashAlgorithmName hash)
    {
        string keyOid = certificate.PublicKey.Oid.Value ?? "";
        return (keyOid, hash.Name) switch
        {
            (Oids.RsaEncryption, "SHA256") => Oids.Sha256WithRsa,
            (Oids.RsaEncryption, "SHA384") => Oids.Sha384WithRsa,
            (Oids.RsaEncryption, "SHA512") => Oids.Sha512WithRsa,
            (Oids.EcPublicKey, "SHA256") => Oids.EcdsaWithSha256,
            (Oids.EcPublicKey, "SHA384") => Oids.EcdsaWithSha384,
            (Oids.EcPublicKey, "SHA512") => Oids.EcdsaWithSha512,
            _ => throw new ArgumentException($"Unsupported key {keyOid} with {hash.Name}."),
        };
    }

    /// <summary>
    /// The signed attributes as the DER SET OF (tag 0x31): these are the bytes the token signs.
    /// The SignerInfo stores the same content under [0] IMPLICIT.
    /// </summary>
    public static byte[] BuildSignedAttributes(ReadOnlySpan<byte> documentDigest, X509Certificate2 signer, HashAlgorithmName hash)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSetOf())
        {
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(Oids.ContentType);
                using (w.PushSetOf()) w.WriteObjectIdentifier(Oids.Data);
            }
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(Oids.MessageDigest);
                using (w.PushSetOf()) w.WriteOctetString(documentDigest);
            }
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(Oids.SigningCertificateV2);
                using (w.PushSetOf())
                using (w.PushSequence())            // SigningCertificateV2
                using (w.PushSequence())            // certs SEQUENCE OF ESSCertIDv2
                using (w.PushSequence())            // ESSCertIDv2
                {
                    // hashAlgorithm defaults to SHA-256 and DER leaves defaults out.
                    w.WriteOctetString(SHA256.HashData(signer.RawDataMemory.Span));
                    WriteIssuerSerial(w, signer);
                }
            }
        }
        return w.Encode();
    }

    private static void WriteIssuerSerial(AsnWriter w, X509Certificate2 cert)
    {
        using (w.PushSequence())
        {
            using (w.PushSequence())                                            // GeneralNames
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4)))     // directoryName [4] EXPLICIT
                w.WriteEncodedValue(cert.IssuerName.RawData);
            w.WriteInteger(cert.SerialNumberBytes.Span);
        }
    }

    /// <summary>
    /// Assembles the ContentInfo(SignedData) DER from the signed attributes, the signature value and,
    /// for B-T, the RFC 3161 time-stamp token (a DER ContentInfo) over that signature value.
    /// </summary>
    public static byte[] Build(
        ReadOnlySpan<byte> signedAttributesSet,
        ReadOnlySpan<byte> signatureValue,
        X509Certificate2 signer,
        IEnumerable<X509Certificate2> chain,
        HashAlgorithmName hash,
        ReadOnlySpan<byte> signatureTimeStampToken = default,
        bool rsaPss = false)
    {
        if (signedAttributesSet.Length < 2 || signedAttributesSet[0] != 0x31)
            throw new ArgumentException("Signed attributes must be a DER SET OF.", nameof(signedAttributesSet));
        string digestOid = DigestOid(hash);
        bool rsa = signer.PublicKey.Oid.Value == Oids.RsaEncryption;
        if (rsaPss && !rsa) throw new ArgumentException("RSASSA-PSS needs an RSA key.", nameof(rsaPss));
        string sigOid = rsaPss ? Oids.RsaPss : SignatureAlgorithmOid(signer, hash);

        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())                                                  // ContentInfo
        {
            w.WriteObjectIdentifier(Oids.SignedData);
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))       // [0] EXPLICIT
            using (w.PushSequence())                                              // SignedData
            {
                w.WriteInteger(1);
                using (w.PushSetOf()) WriteAlgorithm(w, digestOid, withNull: false);
                using (w.PushSequence()) w.WriteObjectIdentifier(Oids.Data);       // detached: no eContent
                using (w.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0)))     // certificates
                {
                    var seen = new HashSet<string>();
                    foreach (var c in chain.Prepend(signer))
                        if (seen.Add(c.Thumbprint)) w.WriteEncodedValue(c.RawDataMemory.Span);
                }
                using (w.PushSetOf())                                             // signerInfos
                using (w.PushSequence())                                          // SignerInfo
                {
                    w.WriteInteger(1);
                    using (w.PushSequence())                                      // IssuerAndSerialNumber
                    {
                        w.WriteEncodedValue(signer.IssuerName.RawData);
                        w.WriteInteger(signer.SerialNumberBytes.Span);
                    }
                    WriteAlgorithm(w, digestOid, withNull: false);
                    // [0] IMPLICIT SET OF: same content, context tag instead of SET.
                    byte[] implicitAttrs = signedAttributesSet.ToArray();
                    implicitAttrs[0] = 0xA0;
                    w.WriteEncodedValue(implicitAttrs);
                    if (rsaPss)
                        using (w.PushSequence())
                        {
                            w.WriteObjectIdentifier(sigOid);
                            w.WriteEncodedValue(Oids.PssParameters(hash));
                        }
                    else WriteAlgorithm(w, sigOid, withNull: rsa);
                    w.WriteOctetString(signatureValue);
                    if (!signatureTimeStampToken.IsEmpty)
                    {
                        using (w.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 1)))
                        using (w.PushSequence())
                        {
                            w.WriteObjectIdentifier(Oids.SignatureTimeStamp);
                            using (w.PushSetOf()) w.WriteEncodedValue(signatureTimeStampToken);
                        }
                    }
                }
            }
        }
        return w.Encode();
    }

    private static void WriteAlgorithm(AsnWriter w, string oid, bool withNull)
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            if (withNull) w.WriteNull();
        }
    }

    /// <summary>Checks a signature value against the certificate's public key (guards against a remote signer answering garbage).</summary>
    public static bool VerifySignatureValue(X509Certificate2 signer, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash, bool rsaPss = false)
    {
        using var rsa = signer.GetRSAPublicKey();
        if (rsa is not null) return rsa.VerifyData(data, signature, hash, rsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        if (rsaPss) return false;
        using var ec = signer.GetECDsaPublicKey();
        return ec is not null && ec.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }
}
