using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Signing;
using DocSign.Testing.Pki;

namespace DocSign.Testing.Attacks;

/// <summary>
/// Signatures made with the real key over signed attributes that break CMS / CAdES rules (RFC 5652 §5.3, §11.1):
/// a wrong or missing content-type, a second message-digest (one signature for two documents). Each replaces the
/// /Contents of a freshly signed file in place.
/// </summary>
public static class CmsAttributeAttacks
{
    private const string ContentType = "1.2.840.113549.1.9.3", MessageDigest = "1.2.840.113549.1.9.4", Data = "1.2.840.113549.1.7.1";

    /// <summary>content-type says id-ct-TSTInfo (not id-data, and not the eContentType).</summary>
    public static Task<byte[]> WrongContentType(byte[] signed) => Resign(signed, (digest, cert) =>
        Attributes(cert, digest, [("ct", "1.2.840.113549.1.9.16.1.4")]));

    /// <summary>No content-type attribute.</summary>
    public static Task<byte[]> MissingContentType(byte[] signed) => Resign(signed, (digest, cert) => Attributes(cert, digest, []));

    /// <summary>Two message-digest attributes: this document's and another's.</summary>
    public static Task<byte[]> TwoMessageDigests(byte[] signed) => Resign(signed, (digest, cert) =>
        Attributes(cert, digest, [("ct", Data), ("md2", "")]));

    private static byte[] Attributes(X509Certificate2 cert, byte[] digest, (string Kind, string Value)[] extra)
    {
        // Start from the product's attributes (content-type, message-digest, signing-certificate-v2) and rewrite.
        var good = CadesSignedData.BuildSignedAttributes(digest, cert, HashAlgorithmName.SHA256);
        var set = new AsnReader(good, AsnEncodingRules.DER).ReadSetOf();
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSetOf())
        {
            while (set.HasData)
            {
                var attr = set.ReadEncodedValue();
                var oid = new AsnReader(attr, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
                if (oid == ContentType) continue;
                w.WriteEncodedValue(attr.Span);
            }
            foreach (var (kind, value) in extra)
            {
                using (w.PushSequence())
                {
                    if (kind == "ct") { w.WriteObjectIdentifier(ContentType); using (w.PushSetOf()) w.WriteObjectIdentifier(value); }
                    else { w.WriteObjectIdentifier(MessageDigest); using (w.PushSetOf()) w.WriteOctetString(SHA256.HashData("dokumen lain"u8)); }
                }
            }
        }
        return w.Encode();
    }

    private static async Task<byte[]> Resign(byte[] signed, Func<byte[], X509Certificate2, byte[]> attributes)
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        var (_, _, br) = AttackPdfs.FindByteRange(signed);
        var digest = TestSigner.HashRanges(signed, br, HashAlgorithmName.SHA256);
        var attrs = attributes(digest, token.Certificate);
        var value = await token.SignAsync(attrs, HashAlgorithmName.SHA256);
        var cms = CadesSignedData.Build(attrs, value, token.Certificate, token.Chain, HashAlgorithmName.SHA256);
        var hex = Convert.ToHexString(cms);
        var copy = (byte[])signed.Clone();
        System.Text.Encoding.ASCII.GetBytes(hex).CopyTo(copy, br[1] + 1);
        for (long i = br[1] + 1 + hex.Length; i < br[2] - 1; i++) copy[i] = (byte)'0';
        return copy;
    }
}

/// <summary>Signatures of the older adbe.pkcs7.detached kind, made without any signed attribute.</summary>
public static class LegacySignatures
{
    /// <summary>
    /// Re-signs a DocSign B-B file as adbe.pkcs7.detached whose SignerInfo carries no signed attributes: the RSA
    /// signature is directly over the byte-range content (what older producers write).
    /// </summary>
    public static byte[] WithoutSignedAttributes(byte[] signed, string signer = SamplePki.Names.CamatKanigaran)
    {
        var copy = (byte[])signed.Clone();
        var text = System.Text.Encoding.Latin1.GetString(copy);
        int at = text.IndexOf("/ETSI.CAdES.detached", StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException("not a CAdES signature");
        // Same length, so the byte range stays right.
        System.Text.Encoding.ASCII.GetBytes("/adbe.pkcs7.detached").CopyTo(copy, at);
        var (_, _, br) = AttackPdfs.FindByteRange(copy);
        var content = new byte[br[1] + br[3]];
        Array.Copy(copy, br[0], content, 0, br[1]);
        Array.Copy(copy, br[2], content, br[1], br[3]);
        var cert = SamplePki.LoadP12(signer).Cast<X509Certificate2>().First(c => c.HasPrivateKey);
        var cms = new System.Security.Cryptography.Pkcs.SignedCms(new System.Security.Cryptography.Pkcs.ContentInfo(content), detached: true);
        var cmsSigner = new System.Security.Cryptography.Pkcs.CmsSigner(System.Security.Cryptography.Pkcs.SubjectIdentifierType.IssuerAndSerialNumber, cert)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.WholeChain,
        };
        cms.ComputeSignature(cmsSigner, silent: true);
        var hex = Convert.ToHexString(cms.Encode());
        if (hex.Length > br[2] - br[1] - 2) throw new InvalidOperationException("CMS larger than the placeholder");
        System.Text.Encoding.ASCII.GetBytes(hex).CopyTo(copy, br[1] + 1);
        for (long i = br[1] + 1 + hex.Length; i < br[2] - 1; i++) copy[i] = (byte)'0';
        return copy;
    }
}
