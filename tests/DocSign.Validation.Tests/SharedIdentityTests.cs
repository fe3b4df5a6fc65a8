using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Signing;
using DocSign.Testing.Pki;
using Shouldly;

namespace DocSign.Validation.Tests;

/// <summary>The stamp (signing side) and the report (verifying side) read the signer through one reader.</summary>
public class SharedIdentityReader
{
    [Theory]
    [InlineData(SamplePki.Names.CamatKanigaran)]
    [InlineData(SamplePki.Names.SekcamKanigaran)]
    [InlineData(SamplePki.Names.CamatPronojiwo)]
    public void Stamp_and_report_name_the_same_person_and_nip(string signer)
    {
        var cert = SamplePki.LoadP12(signer).Cast<X509Certificate2>().First(c => c.HasPrivateKey);
        var stamp = SignerIdentity.From(cert);
        var report = SignerDetails.From(cert);
        report.Name.ShouldBe(stamp.Name);
        report.Nip.ShouldBe(stamp.Nip);
        stamp.Nip.ShouldNotBeNull();
        stamp.Nip!.Length.ShouldBe(18);
    }

    [Fact]
    public void Nip_in_a_multi_valued_name_part_is_found_for_the_stamp_too()
    {
        // An issuer that puts CN and serialNumber in one RDN (CN=...+serialNumber=NIP:...).
        using var key = RSA.Create(2048);
        var name = new X500DistinguishedName("CN=Rina Anggraini + SERIALNUMBER=NIP:198001012005012003, O=Contoh");
        using var cert = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        SignerIdentity.From(cert).Nip.ShouldBe("198001012005012003");
        SignerDetails.From(cert).Nip.ShouldBe("198001012005012003");
    }
}
