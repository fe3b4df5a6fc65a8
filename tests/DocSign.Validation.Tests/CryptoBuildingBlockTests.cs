using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using DocSign.Testing.Pki;
using DocSign.Validation.Crypto;
using DocSign.Validation.Revocation;

namespace DocSign.Validation.Tests;

/// <summary>The CMS verifier on detached SignedData made by .NET's own SignedCms (an independent producer), for each key type.</summary>
public class CmsVerifierChecksDigestSignatureAndAlgorithms
{
    private static readonly byte[] Content = "isi dokumen yang ditandatangani"u8.ToArray();

    private static X509Certificate2 SelfSigned(AsymmetricAlgorithm key, HashAlgorithmName hash, RSASignaturePadding? padding = null)
    {
        var dn = "CN=Uji Penanda Tangan";
        var req = key switch
        {
            RSA rsa => new CertificateRequest(dn, rsa, hash, padding ?? RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(dn, ec, hash),
            _ => throw new ArgumentException("key"),
        };
        return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static byte[] Sign(X509Certificate2 cert, AsymmetricAlgorithm key, HashAlgorithmName hash, RSASignaturePadding? padding = null, bool signedAttributes = true)
    {
        var cms = new SignedCms(new ContentInfo(Content), detached: true);
        var signer = padding is null
            ? new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, cert, key)
            : new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, cert, (RSA)key, padding);
        signer.DigestAlgorithm = new Oid(Oids.DigestOid(hash)!);
        signer.IncludeOption = X509IncludeOption.EndCertOnly;
        // With a signed attribute SignedCms writes signed attributes (content-type, message-digest): the PAdES shape.
        if (signedAttributes) signer.SignedAttributes.Add(new Pkcs9SigningTime());
        cms.ComputeSignature(signer);
        return cms.Encode();
    }

    private static CmsCheck Check(byte[] der, byte[]? content = null)
    {
        var data = content ?? Content;
        return CmsVerifier.Verify(CmsSignedData.Decode(der), h => OcspResponse.Hash(h, data), []);
    }

    public static TheoryData<string> Keys() => new() { "rsa-pkcs1", "rsa-pss", "ecdsa-p256" };

    private static (X509Certificate2, AsymmetricAlgorithm, RSASignaturePadding?) Make(string kind) => kind switch
    {
        "rsa-pkcs1" => Pair(RSA.Create(2048), null),
        "rsa-pss" => Pair(RSA.Create(2048), RSASignaturePadding.Pss),
        _ => Pair(ECDsa.Create(ECCurve.NamedCurves.nistP256), null),
    };

    private static (X509Certificate2, AsymmetricAlgorithm, RSASignaturePadding?) Pair(AsymmetricAlgorithm key, RSASignaturePadding? padding) =>
        (SelfSigned(key, HashAlgorithmName.SHA256, padding), key, padding);

    [Theory]
    [MemberData(nameof(Keys))]
    public void Intact_signature_verifies(string kind)
    {
        var (cert, key, padding) = Make(kind);
        var check = Check(Sign(cert, key, HashAlgorithmName.SHA256, padding));
        check.Problems.ShouldBeEmpty();
        check.DigestMatches.ShouldBeTrue();
        check.SignatureValid.ShouldBeTrue();
        check.SignerCertificate!.Thumbprint.ShouldBe(cert.Thumbprint);
        check.WeakAlgorithm.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Other_content_is_a_digest_mismatch(string kind)
    {
        var (cert, key, padding) = Make(kind);
        var check = Check(Sign(cert, key, HashAlgorithmName.SHA256, padding), "isi lain"u8.ToArray());
        check.DigestMatches.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Altered_signature_value_does_not_verify(string kind)
    {
        var (cert, key, padding) = Make(kind);
        var der = Sign(cert, key, HashAlgorithmName.SHA256, padding);
        var parsed = CmsSignedData.Decode(der);
        var sig = parsed.SignerInfos[0].Signature;
        // Find the signature value in the DER and flip a bit in its middle.
        var at = der.AsSpan().IndexOf(sig);
        der[at + sig.Length / 2] ^= 0x01;
        var check = Check(der);
        check.DigestMatches.ShouldBeTrue();
        check.SignatureValid.ShouldBeFalse();
    }

    [Fact]
    public void Signature_without_signed_attributes_is_checked_over_the_content()
    {
        var (cert, key, _) = Make("rsa-pkcs1");
        var der = Sign(cert, key, HashAlgorithmName.SHA256, signedAttributes: false);
        CmsSignedData.Decode(der).SignerInfos[0].SignedAttributesForSignature.ShouldBeNull();
        Check(der).SignatureValid.ShouldBeTrue();
        Check(der, "isi lain"u8.ToArray()).SignatureValid.ShouldBeFalse();
    }

    [Fact]
    public void Sha1_digest_is_weak()
    {
        var (cert, key, _) = Make("rsa-pkcs1");
        var check = Check(Sign(cert, key, HashAlgorithmName.SHA1));
        check.SignatureValid.ShouldBeTrue();
        check.WeakAlgorithm.ShouldBeTrue();
    }

    [Fact]
    public void Garbage_and_truncated_cms_are_format_errors()
    {
        Should.Throw<CmsFormatException>(() => CmsSignedData.Decode(new byte[] { 0x30, 0x82, 0xFF, 0xFF, 0x01 }));
        Should.Throw<CmsFormatException>(() => CmsSignedData.Decode(RandomNumberGenerator.GetBytes(500)));
        Should.Throw<CmsFormatException>(() => CmsSignedData.Decode(Array.Empty<byte>()));
        var (cert, key, _) = Make("rsa-pkcs1");
        var der = Sign(cert, key, HashAlgorithmName.SHA256);
        Should.Throw<CmsFormatException>(() => CmsSignedData.Decode(der[..(der.Length / 2)]));
        // Zero padding after the CMS (as in /Contents) is fine.
        CmsSignedData.Decode(der.Concat(new byte[100]).ToArray()).SignerInfos.Count.ShouldBe(1);
    }
}

/// <summary>CRL and OCSP parsing against the sample PKI's real CRL and responder, and the path check on its certificates.</summary>
public class RevocationAndPathBuildingBlocks
{
    [Fact]
    public async Task Sample_crl_lists_the_revoked_certificate_and_verifies_with_its_issuer()
    {
        var crl = Crl.TryParse(await DocSign.Testing.Attacks.OnlineValidationData.Crl("signing-ca.crl"), out var err);
        crl.ShouldNotBeNull(err);
        crl.VerifySignature(SamplePki.SigningCa()).ShouldBeTrue();
        crl.VerifySignature(SamplePki.Root()).ShouldBeFalse();
        crl.RevocationOf(SamplePki.LoadPem("test-revoked.pem")).ShouldNotBeNull();
        crl.RevocationOf(SamplePki.LoadPem("camat-kanigaran.pem")).ShouldBeNull();
        Crl.TryParse(RandomNumberGenerator.GetBytes(300), out var bad).ShouldBeNull();
        bad.ShouldNotBeNull();
    }

    [Fact]
    public async Task Sample_ocsp_response_is_parsed_matched_and_signed_by_a_delegated_responder()
    {
        var der = await DocSign.Testing.Attacks.OnlineValidationData.OcspFor(SamplePki.LoadPem("camat-kanigaran.pem"), SamplePki.SigningCa());
        if (der is null) return; // the shared responder did not answer in time; the end-to-end tests cover OCSP-less runs
        var resp = OcspResponse.TryParse(der, out var err);
        resp.ShouldNotBeNull(err);
        var single = resp.Find(SamplePki.LoadPem("camat-kanigaran.pem"), SamplePki.SigningCa());
        single.ShouldNotBeNull();
        single.Status.ShouldBe(CertStatus.Good);
        resp.Find(SamplePki.LoadPem("camat-candipuro.pem"), SamplePki.SigningCa()).ShouldBeNull();
        resp.VerifySignature(SamplePki.SigningCa(), out var problem).ShouldNotBeNull(problem);
        resp.VerifySignature(SamplePki.UntrustedRoot(), out _).ShouldBeNull();
    }

    [Fact]
    public void Path_reaches_the_sample_root_and_refuses_others()
    {
        var anchors = new X509Certificate2Collection { SamplePki.Root() };
        var ok = PathBuilder.Build(SamplePki.LoadPem("camat-kanigaran.pem"), [SamplePki.SigningCa()], anchors, DateTimeOffset.UtcNow, null);
        ok.Problem.ShouldBe(PathProblem.None, ok.Message);
        ok.Chain.Count.ShouldBe(3);
        PathBuilder.Build(SamplePki.LoadPem("camat-kanigaran.pem"), [], anchors, DateTimeOffset.UtcNow, null).Problem.ShouldBe(PathProblem.NoPath);
        PathBuilder.Build(SamplePki.LoadPem("test-untrusted.pem"), [SamplePki.UntrustedRoot()], anchors, DateTimeOffset.UtcNow, null).Problem.ShouldBe(PathProblem.NoPath);
        PathBuilder.Build(SamplePki.LoadPem("test-expired.pem"), [SamplePki.SigningCa()], anchors, DateTimeOffset.UtcNow, null).Problem.ShouldBe(PathProblem.NotTimeValid);
        PathBuilder.Build(SamplePki.LoadPem("camat-kanigaran.pem"), [SamplePki.SigningCa()], anchors, DateTimeOffset.UtcNow, Oids.EkuTimeStamping).Problem.ShouldBe(PathProblem.Usage);
        PathBuilder.Build(SamplePki.LoadPem("tsa.pem"), [SamplePki.SigningCa()], anchors, DateTimeOffset.UtcNow, Oids.EkuTimeStamping).Problem.ShouldBe(PathProblem.None);
    }

    [Fact]
    public void Nip_is_read_from_the_subject_and_formatted_as_offices_write_it()
    {
        var cert = SamplePki.LoadPem("camat-candipuro.pem");
        var d = SignerDetails.From(cert);
        d.Nip.ShouldBe("197610222002122004");
        d.Name.ShouldBe("Sri Wahyuningsih");
        DocSign.Signing.SignerIdentity.FormatNip(d.Nip!).ShouldBe("19761022 200212 2 004");
        SignerDetails.From(SamplePki.LoadPem("tsa.pem")).Nip.ShouldBeNull();
    }
}
