using DocSign.Core.Signing;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Signing;
using DocSign.Infrastructure.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Security;

/// <summary>
/// What must not be true of a service started outside the demo environments (<see cref="SampleTrust.AllowedEnvironments"/>:
/// <c>Demo</c>, which scripts/run.sh sets, and <c>Development</c>): demo accounts with a public password, any certificate
/// or key of the sample PKI (whose private keys are in the repository) as a verification anchor, a signing anchor, a
/// letter or audit e-seal key or the sign-in key certificate, or sign-in keys stored unencrypted. An allow-list: Production,
/// Staging and every other name are held to it.
/// </summary>
public static class ProductionGuard
{
    /// <summary>The environment name of the demo (scripts/run.sh).</summary>
    public const string DemoEnvironment = "Demo";

    /// <summary>The reasons (English, for the operator's log) why this configuration must not serve in <paramref name="environmentName"/>; empty when none.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, string environmentName)
    {
        if (SampleTrust.IsAllowedIn(environmentName)) return [];
        var problems = new List<string>();
        if (configuration.GetSection(DemoOptions.Section).Get<DemoOptions>()?.Enabled == true)
            problems.Add("DocSign:Demo:Enabled is true: the demo accounts have the public password 'docsign-demo'. Set DocSign__Demo__Enabled=false (and remove the demo data with --remove-demo-data).");
        var verification = configuration.GetSection(VerificationSettings.Section).Get<VerificationSettings>() ?? new VerificationSettings();
        if (verification.TrustSamplePki)
            problems.Add("DocSign:Verification:TrustSamplePki is true: the sample root's private key is public, so anyone can make a signature that verifies VALID. Set it to false.");
        if (SampleTrust.Directory(configuration) is not null)
            problems.Add($"{SampleTrust.DirectorySetting} is set: the sample PKI's keys are public, and with it the signing engine and the letter seal fall back to the sample root and keys (and outbound calls may reach its loopback services). Remove the setting and configure the office's own keys and trust anchors.");

        foreach (var anchor in verification.TrustAnchors)
            AddSampleFile(problems, "DocSign:Verification:TrustAnchors (a verification anchor)", anchor, null);
        var signing = configuration.GetSection(SigningOptions.Section).Get<SigningOptions>() ?? new SigningOptions();
        foreach (var anchor in signing.TrustAnchors)
            AddSampleFile(problems, "DocSign:Signing:TrustAnchors (a signing anchor)", anchor, null);
        var bsre = configuration.GetSection(Signing.Providers.BsreOptions.Section).Get<Signing.Providers.BsreOptions>() ?? new Signing.Providers.BsreOptions();
        foreach (var anchor in bsre.TrustAnchors)
            AddSampleFile(problems, "DocSign:Signing:Bsre:TrustAnchors (a BSrE anchor: configure the real Root CA Indonesia DS G1 instead)", anchor, null);
        var letters = configuration.GetSection(LetterSigningOptions.Section).Get<LetterSigningOptions>() ?? new LetterSigningOptions();
        foreach (var (office, key) in letters.Keys)
            if (!string.IsNullOrWhiteSpace(key.Pkcs12Path))
            {
                AddSampleFile(problems, $"DocSign:Letters:Signing:Keys:{office} (a letter signing key)", key.Pkcs12Path, key.Passphrase ?? "");
                if (PadesLetterSigner.PersonalKeyProblem(office, key) is { } personal) problems.Add(personal);
            }
        var seal = configuration.GetSection(AuditSealOptions.Section).Get<AuditSealOptions>() ?? new AuditSealOptions();
        if (!string.IsNullOrWhiteSpace(seal.Directory) && System.IO.Directory.Exists(seal.Directory))
            foreach (var file in System.IO.Directory.EnumerateFiles(seal.Directory, "seal-*.p12"))
                AddSampleFile(problems, "DocSign:Audit:Seal:Directory (an audit e-seal key)", file, seal.Passphrase ?? "");

        var dataProtection = configuration.GetSection(DataProtectionOptions.Section).Get<DataProtectionOptions>() ?? new DataProtectionOptions();
        if (!string.IsNullOrWhiteSpace(dataProtection.CertificatePath))
            AddSampleFile(problems, "DocSign:DataProtection:CertificatePath (the sign-in key certificate)", dataProtection.CertificatePath, dataProtection.CertificatePassword ?? "");
        if (!dataProtection.IsConfigured)
            problems.Add("DocSign:DataProtection:CertificatePath or DocSign:DataProtection:Key is not set: the keys that protect sign-in tokens would be stored unencrypted in the database. Configure one (e.g. DocSign__DataProtection__Key from `openssl rand -base64 32`, kept outside the database and its backups).");
        return problems;
    }

    /// <summary>
    /// What the database holds that must not serve outside the demo environments: signer keys (enrolled PKCS#12 files)
    /// of the sample PKI, e.g. left from a database that once ran the demo. Empty before the schema has them.
    /// </summary>
    public static async Task<IReadOnlyList<string>> StoredProblemsAsync(IServiceProvider services, string environmentName, CancellationToken cancellationToken = default)
    {
        if (SampleTrust.IsAllowedIn(environmentName)) return [];
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        if (!applied.Any(m => m.EndsWith("_Signing", StringComparison.Ordinal))) return [];
        var keys = await db.Set<SignerEnrolment>().AsNoTracking().Where(e => e.RetiredAt == null)
            .Select(e => new { e.OfficeId, e.SignerName, e.CertificateIssuer, e.CertificateSerial }).ToListAsync(cancellationToken);
        return keys.Where(k => SampleTrust.IsSampleIssued(k.CertificateIssuer, k.CertificateSerial))
            .Select(k => $"An enrolled signer key of {k.SignerName} in office {k.OfficeId} is a key of the sample PKI (issuer {k.CertificateIssuer}, serial {k.CertificateSerial}), whose private keys are public. Remove the demo data (--remove-demo-data) or enrol the signer's own key.")
            .ToList();
    }

    private static void AddSampleFile(List<string> problems, string what, string path, string? pkcs12Passphrase)
    {
        foreach (var certificate in SampleTrust.SampleCertificatesIn(path, pkcs12Passphrase))
            problems.Add($"{what} {path} holds a certificate or key of the sample PKI ({certificate.Subject}, SHA-256 {SampleTrust.Fingerprint(certificate.RawData)}), whose private key is public in the DocSign repository. Replace it with the office's own.");
    }
}
