using System.Formats.Asn1;
using System.Security.Cryptography;

namespace DocSign.Signing;

/// <summary>
/// The object identifiers of the whole engine, with the algorithm tables built on them: the signer writes with
/// them and the verifier (DocSign.Validation, which sees these internals) reads with them, so the two sides
/// cannot disagree about an attribute or an algorithm.
/// </summary>
internal static class Oids
{
    public const string Data = "1.2.840.113549.1.7.1";
    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string TstInfo = "1.2.840.113549.1.9.16.1.4";
    public const string ContentType = "1.2.840.113549.1.9.3";
    public const string MessageDigest = "1.2.840.113549.1.9.4";
    public const string SigningTime = "1.2.840.113549.1.9.5";
    public const string SigningCertificate = "1.2.840.113549.1.9.16.2.12";
    public const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
    public const string SignatureTimeStamp = "1.2.840.113549.1.9.16.2.14";
    public const string AdbeRevocationInfoArchival = "1.2.840.113583.1.1.8";
    public const string EkuTimeStamping = "1.3.6.1.5.5.7.3.8";
    public const string EkuOcspSigning = "1.3.6.1.5.5.7.3.9";
    public const string OcspNoCheck = "1.3.6.1.5.5.7.48.1.5";
    public const string OcspBasic = "1.3.6.1.5.5.7.48.1.1";
    public const string OcspNonce = "1.3.6.1.5.5.7.48.1.2";
    public const string AuthorityInfoAccess = "1.3.6.1.5.5.7.1.1";
    public const string AdOcsp = "1.3.6.1.5.5.7.48.1";
    public const string CrlDistributionPoints = "2.5.29.31";

    // Subject attributes read for the signer's identity.
    public const string CommonName = "2.5.4.3";
    public const string SerialNumber = "2.5.4.5";
    public const string OrganizationalUnit = "2.5.4.11";
    public const string Title = "2.5.4.12";

    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";

    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string RsaPss = "1.2.840.113549.1.1.10";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsa = "1.2.840.113549.1.1.13";
    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    public const string EcdsaWithSha512 = "1.2.840.10045.4.3.4";

    /// <summary>Digest OID to .NET name; null when unsupported (SHA-224, SHA-3, MD5...).</summary>
    public static HashAlgorithmName? Digest(string? oid) => oid switch
    {
        Sha1 => HashAlgorithmName.SHA1,
        Sha256 => HashAlgorithmName.SHA256,
        Sha384 => HashAlgorithmName.SHA384,
        Sha512 => HashAlgorithmName.SHA512,
        "2.16.840.1.101.3.4.2.8" => HashAlgorithmName.SHA3_256,
        "2.16.840.1.101.3.4.2.9" => HashAlgorithmName.SHA3_384,
        "2.16.840.1.101.3.4.2.10" => HashAlgorithmName.SHA3_512,
        _ => null,
    };

    public static string? DigestOid(HashAlgorithmName h) =>
        h == HashAlgorithmName.SHA1 ? Sha1 : h == HashAlgorithmName.SHA256 ? Sha256 :
        h == HashAlgorithmName.SHA384 ? Sha384 : h == HashAlgorithmName.SHA512 ? Sha512 : null;

    /// <summary>The mask generation function MGF1 (RFC 8017 B.2.1).</summary>
    public const string Mgf1 = "1.2.840.113549.1.1.8";

    /// <summary>The DER RSASSA-PSS-params DocSign writes when it signs with PSS: the hash, MGF1 with the same hash, salt = hash length, default trailer.</summary>
    public static byte[] PssParameters(HashAlgorithmName hash)
    {
        var oid = DigestOid(hash) ?? throw new CryptographicException($"hash {hash.Name} tidak didukung untuk RSASSA-PSS");
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(oid);
                w.WriteNull();
            }
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(Mgf1);
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(oid);
                    w.WriteNull();
                }
            }
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)))
                w.WriteInteger(PssHashLength(hash));
        }
        return w.Encode();
    }

    /// <summary>Length in bytes of a digest usable with RSASSA-PSS.</summary>
    public static int PssHashLength(HashAlgorithmName h) =>
        h == HashAlgorithmName.SHA1 ? 20 : h == HashAlgorithmName.SHA256 ? 32 : h == HashAlgorithmName.SHA384 ? 48 : h == HashAlgorithmName.SHA512 ? 64
        : throw new CryptographicException($"hash {h.Name} tidak didukung untuk RSASSA-PSS");

    public enum KeyFamily { Rsa, RsaPss, Ecdsa, Unknown }

    /// <summary>
    /// Signature algorithm OID to key family and the hash it implies (null: the hash comes from the
    /// SignerInfo's digestAlgorithm, as with plain rsaEncryption).
    /// </summary>
    public static (KeyFamily Family, HashAlgorithmName? Hash) Signature(string? oid) => oid switch
    {
        RsaEncryption => (KeyFamily.Rsa, null),
        "1.2.840.113549.1.1.5" => (KeyFamily.Rsa, HashAlgorithmName.SHA1),
        Sha256WithRsa => (KeyFamily.Rsa, HashAlgorithmName.SHA256),
        Sha384WithRsa => (KeyFamily.Rsa, HashAlgorithmName.SHA384),
        Sha512WithRsa => (KeyFamily.Rsa, HashAlgorithmName.SHA512),
        RsaPss => (KeyFamily.RsaPss, null),
        EcPublicKey => (KeyFamily.Ecdsa, null),
        "1.2.840.10045.4.1" => (KeyFamily.Ecdsa, HashAlgorithmName.SHA1),
        EcdsaWithSha256 => (KeyFamily.Ecdsa, HashAlgorithmName.SHA256),
        EcdsaWithSha384 => (KeyFamily.Ecdsa, HashAlgorithmName.SHA384),
        EcdsaWithSha512 => (KeyFamily.Ecdsa, HashAlgorithmName.SHA512),
        _ => (KeyFamily.Unknown, null),
    };
}
