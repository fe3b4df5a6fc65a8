using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using DocSign.Signing;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;

namespace DocSign.Signing.Tests;

public class DetachedCadesBuiltFromADigest
{
    private static readonly byte[] Content = "LAPORAN KINERJA INSTANSI PEMERINTAH 2025\n"u8.ToArray();

    private static async Task<byte[]> BuildAsync(ISigningToken token, byte[] content, byte[]? tst = null)
    {
        var digest = SHA256.HashData(content);
        var attrs = CadesSignedData.BuildSignedAttributes(digest, token.Certificate, HashAlgorithmName.SHA256);
        var sig = await token.SignAsync(attrs, HashAlgorithmName.SHA256);
        return CadesSignedData.Build(attrs, sig, token.Certificate, token.Chain, HashAlgorithmName.SHA256, tst);
    }

    [Fact]
    public async Task OpensslCmsVerifyAcceptsItAgainstTheSampleRoot()
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        var cms = await BuildAsync(token, Content);
        var r = OpenSsl.CmsVerify(cms, Content, SamplePki.PathOf("root-ca.pem"));
        r.ExitCode.ShouldBe(0, r.Output);
        r.Output.ShouldContain("Verification successful");
    }

    [Fact]
    public async Task OpensslCmsVerifyRejectsItWhenOneContentByteChanges()
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        var cms = await BuildAsync(token, Content);
        var tampered = (byte[])Content.Clone();
        tampered[3] ^= 1;
        var r = OpenSsl.CmsVerify(cms, tampered, SamplePki.PathOf("root-ca.pem"));
        r.ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public async Task CarriesContentTypeDigestAndSigningCertificateV2ButNoSigningTime()
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        var cms = await BuildAsync(token, Content);
        var signed = new SignedCms(new ContentInfo(Content), detached: true);
        signed.Decode(cms);
        signed.CheckSignature(verifySignatureOnly: true);
        var si = signed.SignerInfos[0];
        si.SignedAttributes.Cast<CryptographicAttributeObject>().Select(a => a.Oid.Value).Order()
            .ShouldBe(new[] { "1.2.840.113549.1.9.16.2.47", "1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4" }.Order());
        si.DigestAlgorithm.Value.ShouldBe("2.16.840.1.101.3.4.2.1");
        si.Certificate!.Thumbprint.ShouldBe(token.Certificate.Thumbprint);
        // The chain (signing CA + root, as in the .p12) travels with the signature.
        signed.Certificates.Count.ShouldBe(3);
        signed.ContentInfo.ContentType.Value.ShouldBe("1.2.840.113549.1.7.1");
    }

    [Fact]
    public async Task SigningCertificateV2HashesTheSignerCertificate()
    {
        using var token = Pkcs12SigningToken.Open(SamplePki.P12(SamplePki.Names.CamatKanigaran), SamplePki.Passphrase);
        var cms = await BuildAsync(token, Content);
        var print = OpenSsl.CmsPrint(cms).StdOut;
        var certHash = Convert.ToHexString(SHA256.HashData(token.Certificate.RawData)).ToLowerInvariant();
        // openssl prints the ESSCertIDv2 inside the attribute as a hex dump; compare its first bytes.
        print.ShouldContain("id-smime-aa-signingCertificateV2");
        var signed = new SignedCms(new ContentInfo(Content), detached: true);
        signed.Decode(cms);
        var attr = signed.SignerInfos[0].SignedAttributes.Cast<CryptographicAttributeObject>().Single(a => a.Oid.Value == "1.2.840.113549.1.9.16.2.47");
        Convert.ToHexString(attr.Values[0].RawData).ToLowerInvariant().ShouldContain(certHash);
    }

    [Fact]
    public async Task EcdsaKeysSignToo()
    {
        using var token = InMemoryToken.CreateEcdsa();
        var cms = await BuildAsync(token, Content);
        var signed = new SignedCms(new ContentInfo(Content), detached: true);
        signed.Decode(cms);
        Should.NotThrow(() => signed.CheckSignature(verifySignatureOnly: true));
    }
}
