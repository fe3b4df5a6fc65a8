using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Infrastructure.Security;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.Extensions.Configuration;

namespace DocSign.Infrastructure.Tests.Security;

/// <summary>
/// The start-up guard is an allow-list: outside Demo and Development, every certificate and key of certs-sample/ is
/// refused by fingerprint wherever it is used (copied under a name that says nothing), as is the demo and an
/// unencrypted sign-in key ring. A certificate of the office's own passes.
/// </summary>
public sealed class ProductionGuardTests
{
    public static readonly TheoryData<string> Refusing = new() { "Production", "Staging", "Test", "production", "Demo2" };

    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Every certificate, key and PKCS#12 of the sample PKI, by its path in certs-sample.</summary>
    private static IEnumerable<string> SampleFiles() =>
        Directory.EnumerateFiles(SamplePki.Dir, "*.pem")
            .Concat(Directory.EnumerateFiles(SamplePki.Dir, "*.p12"))
            .Concat(Directory.EnumerateFiles(Path.Combine(SamplePki.Dir, "ca"), "*.cer"))
            .Concat(Directory.EnumerateFiles(Path.Combine(SamplePki.Dir, "ca"), "*.key.pem"))
            .Order(StringComparer.Ordinal);

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Append(new("DocSign:DataProtection:Key", Key))).Build();

    /// <summary>A copy under a neutral name in a fresh folder: only the fingerprint can give it away.</summary>
    private static string Disguised(string file, string directory, string? name = null)
    {
        var copy = Path.Combine(directory, name ?? $"office-{Guid.NewGuid():N}{(file.EndsWith(".p12", StringComparison.Ordinal) ? ".p12" : ".crt")}");
        File.Copy(file, copy);
        return copy;
    }

    [Fact]
    public void The_build_knows_every_certificate_of_the_sample_PKI()
    {
        var certificates = Directory.EnumerateFiles(SamplePki.Dir, "*.pem").Where(f => !f.EndsWith(".key.pem", StringComparison.Ordinal))
            .SelectMany(f => { var c = new X509Certificate2Collection(); c.ImportFromPemFile(f); return c; })
            .Select(c => c.Thumbprint).Distinct().Count();
        certificates.ShouldBeGreaterThan(15);
        SampleTrust.KnownCount.ShouldBeGreaterThanOrEqualTo(certificates);
    }

    [Theory]
    [MemberData(nameof(Refusing))]
    public void Outside_the_demo_environments_every_sample_certificate_and_key_is_refused_by_fingerprint_in_every_use(string environment)
    {
        var directory = TestEnvironment.NewTempDirectory("guard");
        var files = SampleFiles().ToList();
        files.Count.ShouldBeGreaterThan(30);
        foreach (var file in files)
        {
            var p12 = file.EndsWith(".p12", StringComparison.Ordinal);
            var copy = Disguised(file, directory);
            var uses = p12
                ? new[]
                {
                    ("DocSign:Letters:Signing:Keys:kanigaran:Pkcs12Path", copy, "DocSign:Letters:Signing:Keys:kanigaran:Passphrase", SamplePki.Passphrase),
                    ("DocSign:DataProtection:CertificatePath", copy, "DocSign:DataProtection:CertificatePassword", SamplePki.Passphrase),
                }
                : new[]
                {
                    ("DocSign:Verification:TrustAnchors:0", copy, "unused", ""),
                    ("DocSign:Signing:TrustAnchors:0", copy, "unused", ""),
                };
            foreach (var (setting, path, secretSetting, secret) in uses)
            {
                var problems = ProductionGuard.Problems(Config((setting, path), (secretSetting, secret)), environment);
                problems.ShouldContain(p => p.Contains("sample PKI", StringComparison.Ordinal) && p.Contains(path, StringComparison.Ordinal),
                    $"{Path.GetFileName(file)} as {setting} in {environment}");
            }
            if (p12)
            {
                // An e-seal directory for the audit extracts, the sample seal renamed after a real office.
                var seals = TestEnvironment.NewTempDirectory("guard-seal");
                Disguised(file, seals, "seal-probolinggo.p12");
                ProductionGuard.Problems(Config(("DocSign:Audit:Seal:Directory", seals), ("DocSign:Audit:Seal:Passphrase", SamplePki.Passphrase)), environment)
                    .ShouldContain(p => p.Contains("audit e-seal key", StringComparison.Ordinal), Path.GetFileName(file));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Refusing))]
    public void Outside_the_demo_environments_the_demo_the_sample_directory_and_an_unencrypted_key_ring_are_refused(string environment)
    {
        ProductionGuard.Problems(Config(("DocSign:Demo:Enabled", "true")), environment).ShouldContain(p => p.Contains("DocSign:Demo:Enabled"));
        ProductionGuard.Problems(Config(("DocSign:Verification:TrustSamplePki", "true")), environment).ShouldContain(p => p.Contains("TrustSamplePki"));
        ProductionGuard.Problems(Config(("DocSign:SamplePkiDirectory", SamplePki.Dir)), environment).ShouldContain(p => p.Contains("DocSign:SamplePkiDirectory"));
        var unencrypted = new ConfigurationBuilder().Build();
        ProductionGuard.Problems(unencrypted, environment).ShouldContain(p => p.Contains("stored unencrypted"));
    }

    [Theory]
    [InlineData("Demo")]
    [InlineData("Development")]
    [InlineData("development")]
    public void The_demo_environments_may_use_the_sample_PKI_and_the_demo(string environment)
    {
        var everything = Config(("DocSign:Demo:Enabled", "true"), ("DocSign:Verification:TrustSamplePki", "true"),
            ("DocSign:SamplePkiDirectory", SamplePki.Dir), ("DocSign:Verification:TrustAnchors:0", SamplePki.PathOf("chain.pem")),
            ("DocSign:Signing:TrustAnchors:0", SamplePki.PathOf("root-ca.pem")));
        ProductionGuard.Problems(everything, environment).ShouldBeEmpty();
        ProductionGuard.Problems(new ConfigurationBuilder().Build(), environment).ShouldBeEmpty();
    }

    [Fact]
    public void The_offices_own_anchor_is_not_mistaken_for_a_sample()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Akar Uji Kantor (fiktif), O=Uji", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var own = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        var path = Path.Combine(TestEnvironment.NewTempDirectory("guard-own"), "root-ca.pem");
        File.WriteAllText(path, own.ExportCertificatePem());
        SampleTrust.IsSample(own).ShouldBeFalse();
        ProductionGuard.Problems(Config(("DocSign:Verification:TrustAnchors:0", path), ("DocSign:Signing:TrustAnchors:0", path)), "Production").ShouldBeEmpty();
        SampleTrust.IsSample(SamplePki.SigningCa()).ShouldBeTrue();
    }
}
