using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using DocSign.Core.Verification;
using DocSign.Testing.Attacks;
using DocSign.Testing.Pki;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Security;

/// <summary>
/// In the demo environments the sample PKI may be trusted, and then every report says so ("PKI CONTOH"): decided by
/// the anchor's fingerprint, so the sample Signing CA alone, copied under a neutral name, still brings the warning.
/// </summary>
public sealed class SampleWarningTests
{
    private static async Task<JsonElement> VerifyWithAnchorAsync(string anchor)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = TestEnvironment.NewTempDirectory("warning-data"),
            ["DocSign:Verification:TrustAnchors:0"] = anchor,
            ["DocSign:Verification:AllowOnlineRevocation"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddDocSignInfrastructure(configuration);
        await using var provider = services.BuildServiceProvider();
        var verifier = provider.GetRequiredService<IPdfVerifier>();
        using var pdf = new MemoryStream(await TestSigner.SignAsync(SamplePdfs.OnePage("contoh")));
        return (await verifier.VerifyAsync(pdf)).Report;
    }

    [Fact]
    public async Task A_sample_intermediate_under_another_name_as_the_anchor_brings_the_warning()
    {
        var anchor = Path.Combine(TestEnvironment.NewTempDirectory("warning"), "penerbit-kantor.crt");
        File.Copy(SamplePki.PathOf("signing-ca.pem"), anchor);
        var report = await VerifyWithAnchorAsync(anchor);
        report.GetProperty("messages")[0].GetString()!.ShouldStartWith("PKI CONTOH — bukan untuk produksi");
    }

    [Fact]
    public async Task An_anchor_of_the_offices_own_brings_no_warning()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Akar Uji Kantor (fiktif)", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var own = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var anchor = Path.Combine(TestEnvironment.NewTempDirectory("warning"), "root.pem");
        await File.WriteAllTextAsync(anchor, own.ExportCertificatePem());
        var report = await VerifyWithAnchorAsync(anchor);
        report.GetRawText().ShouldNotContain("PKI CONTOH");
    }
}
