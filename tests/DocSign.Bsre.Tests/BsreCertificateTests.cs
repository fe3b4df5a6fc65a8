using System.Security.Cryptography.X509Certificates;
using DocSign.Signing;

namespace DocSign.Bsre.Tests;

/// <summary>BSrE-style certificates: the CN is the plain name, there is no NIP, and none is invented.</summary>
public sealed class BsreCertificateTests
{
    [Theory]
    [InlineData("bambang-setiadi", "Bambang Setiadi")]
    [InlineData("hendra-wijaya-kusuma", "Hendra Wijaya Kusuma")]
    public void The_name_is_the_cn_and_no_nip_is_invented(string stem, string name)
    {
        using var cert = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(EmulatorFixture.PkiDirectory, "people", stem + ".pem"));
        var who = SignerIdentity.From(cert);
        who.Name.ShouldBe(name);
        who.Nip.ShouldBeNull();
        cert.Subject.ShouldNotContain("NIP");
    }

    [Fact]
    public void The_sample_chain_says_it_is_a_sample_and_the_leaves_last_two_years_for_signing_only()
    {
        var dir = EmulatorFixture.PkiDirectory;
        using var root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dir, "root.pem"));
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(dir, "ca.pem"));
        root.GetNameInfo(X509NameType.SimpleName, false).ShouldBe("CONTOH Root CA Indonesia DS G1");
        ca.GetNameInfo(X509NameType.SimpleName, false).ShouldBe("CONTOH BSRE CA DS G1");
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "people"), "*.pem"))
        {
            using var leaf = X509CertificateLoader.LoadCertificateFromFile(file);
            leaf.Issuer.ShouldBe(ca.Subject);
            (leaf.NotAfter - leaf.NotBefore).TotalDays.ShouldBeInRange(729, 731);
            var usage = leaf.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
            usage.ShouldBe(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation);
        }
    }
}
