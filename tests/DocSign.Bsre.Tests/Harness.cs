using System.Security.Cryptography.X509Certificates;
using DocSign.BsreEmulator;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Signing;
using DocSign.Testing.Pki;
using DocSign.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Bsre.Tests;

/// <summary>A BSrE emulator of its own (API on a free loopback port; its OCSP/TSA answered in-process) per test class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public static string PkiDirectory => Path.Combine(SamplePki.Dir, "bsre");
    public RunningEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { PkiDirectory = PkiDirectory, ApiUrl = "http://127.0.0.1:0", ServicesUrl = null });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

/// <summary>DocSign's signing services as the server wires them (AddDocSignSigning), pointed at the sample PKIs and an emulator.</summary>
public static class Providers
{
    public const string BambangNik = "9901011508710001", BambangPassphrase = "Contoh#Lumajang1", SealId = "CONTOH-SEAL-LUMAJANG";

    public static ServiceProvider Build(Uri? emulator, bool apiV1 = false, TimeSpan? timeout = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DocSign:Signing:TsaUrl"] = SamplePki.TsaUrl.ToString(),
            ["DocSign:Signing:TrustAnchors:0"] = SamplePki.PathOf("root-ca.pem"),
            ["DocSign:Signing:Bsre:BaseUrl"] = emulator?.ToString(),
            ["DocSign:Signing:Bsre:User"] = Registry.DefaultUser,
            ["DocSign:Signing:Bsre:Password"] = Registry.DefaultPassword,
            ["DocSign:Signing:Bsre:UseApiV1"] = apiV1 ? "true" : "false",
            ["DocSign:Signing:Bsre:Timeout"] = (timeout ?? TimeSpan.FromSeconds(60)).ToString(),
            ["DocSign:Signing:Bsre:TrustAnchors:0"] = Path.Combine(EmulatorFixture.PkiDirectory, "root.pem"),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddDocSignSigning(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The trust anchors DocSign's verifier gets in these tests: the office sample root and the CONTOH BSrE root.</summary>
    public static X509Certificate2Collection Anchors() =>
        [SamplePki.Root(), X509CertificateLoader.LoadCertificateFromFile(Path.Combine(EmulatorFixture.PkiDirectory, "root.pem"))];

    public static SignatureRequest Request(bool visible = true) => new()
    {
        Level = SignatureLevel.BLT,
        Box = visible ? new StampPlacement(1, 320, 60, 230, 95) : null,
        Lines = [new StampLine("CAMAT LUMAJANG", true), new StampLine("Bambang Setiadi")],
        Footer = "Uji penyedia tanda tangan",
        QrUrl = new Uri("https://docsign.contoh.go.id/v/UJI-PROVIDER"),
        Reason = "Menyetujui LKjIP",
        Location = "Kecamatan Lumajang",
        SignerName = "Bambang Setiadi",
        SigningTime = DateTimeOffset.UtcNow,
    };

    public static async Task<VerificationReport> VerifyAsync(byte[] pdf) =>
        await new PdfSignatureVerifier().VerifyAsync(new MemoryStream(pdf), new VerificationOptions { TrustAnchors = Anchors() });
}
