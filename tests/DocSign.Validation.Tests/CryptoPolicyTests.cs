using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using DocSign.Validation.Crypto;
using DocSign.Validation.Revocation;

namespace DocSign.Validation.Tests;

/// <summary>The stated crypto policy (CryptoPolicy): ECDSA curves and key sizes, and SHA-1 timestamps that prove nothing.</summary>
public class CryptoPolicyTests
{
    private static readonly byte[] Content = "isi dokumen yang ditandatangani"u8.ToArray();

    private static X509Certificate2 SelfSigned(ECDsa key, params X509Extension[] extensions)
    {
        var req = new CertificateRequest("CN=Uji Kebijakan", key, HashAlgorithmName.SHA256);
        foreach (var e in extensions) req.CertificateExtensions.Add(e);
        return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static CmsCheck SignAndCheck(ECCurve curve)
    {
        using var key = ECDsa.Create(curve);
        using var cert = SelfSigned(key);
        var cms = new SignedCms(new ContentInfo(Content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, cert, key) { DigestAlgorithm = new Oid(Oids.DigestOid(HashAlgorithmName.SHA256)!) };
        signer.SignedAttributes.Add(new Pkcs9SigningTime());
        cms.ComputeSignature(signer);
        return CmsVerifier.Verify(CmsSignedData.Decode(cms.Encode()), h => OcspResponse.Hash(h, Content), []);
    }

    public static TheoryData<string, bool> Curves() => new()
    {
        { "1.2.840.10045.3.1.7", true },    // P-256
        { "1.3.132.0.34", true },           // P-384
        { "1.3.132.0.35", true },           // P-521
        { "1.3.36.3.3.2.8.1.1.7", true },   // brainpoolP256r1
        { "1.3.132.0.10", false },          // secp256k1: not in the policy
        { "1.2.840.10045.3.1.1", false },   // P-192: too small
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Ecdsa_curves_are_checked_against_the_policy(string curveOid, bool accepted)
    {
        ECCurve curve = ECCurve.CreateFromValue(curveOid);
        CmsCheck check;
        try { check = SignAndCheck(curve); }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            // A curve this machine's OpenSSL cannot make cannot be signed with here either; the accepted ones must work.
            accepted.ShouldBeFalse($"the policy's curve {curveOid} must be usable: {e.Message}");
            return;
        }
        check.SignatureValid.ShouldBeTrue();
        check.WeakAlgorithm.ShouldBe(!accepted, string.Join("; ", check.Problems));
        if (!accepted) check.Problems.ShouldContain(p => p.Contains("kurva ECDSA"));
    }

    private static byte[] Token(HashAlgorithmName imprintHash, byte[] imprint)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var tsa = SelfSigned(key, new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(Oids.EkuTimeStamping) }, critical: true));
        var info = new Rfc3161TimestampTokenInfo(new Oid("1.3.6.1.4.1.99999.1"), new Oid(Oids.DigestOid(imprintHash)!), imprint,
            new byte[] { 1, 2, 3 }, DateTimeOffset.UtcNow);
        var cms = new SignedCms(new ContentInfo(new Oid(Oids.TstInfo), info.Encode()));
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, tsa, key) { DigestAlgorithm = new Oid(Oids.DigestOid(HashAlgorithmName.SHA256)!) };
        signer.SignedAttributes.Add(new Pkcs9SigningTime());
        cms.ComputeSignature(signer);
        return cms.Encode();
    }

    [Theory]
    [InlineData("SHA1", true)]
    [InlineData("SHA256", false)]
    public void A_timestamp_with_a_sha1_imprint_is_no_proof_of_existence(string hash, bool weak)
    {
        var h = new HashAlgorithmName(hash);
        var imprint = OcspResponse.Hash(h, Content);
        var check = TimestampVerifier.Verify(Token(h, imprint), alg => OcspResponse.Hash(alg, Content), []);
        check.CryptoValid.ShouldBeTrue(string.Join("; ", check.Problems));
        check.WeakAlgorithm.ShouldBe(weak, string.Join("; ", check.Problems));
    }
}
