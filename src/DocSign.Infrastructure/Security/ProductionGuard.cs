using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Verification;
using Microsoft.Extensions.Configuration;

namespace DocSign.Infrastructure.Security;

/// <summary>
/// What must not be true of a service started in the Production environment: demo accounts with a public password,
/// the sample PKI (whose private keys are in the repository) trusted, or sign-in keys stored unencrypted. The demo
/// runs under its own environment name, <see cref="DemoEnvironment"/>, which scripts/run.sh sets.
/// </summary>
public static class ProductionGuard
{
    /// <summary>The environment name of the demo (scripts/run.sh): production-like, but allowed the demo data and sample PKI.</summary>
    public const string DemoEnvironment = "Demo";

    /// <summary>The reasons (English, for the operator's log) why this configuration must not serve in Production; empty when none.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (configuration.GetSection(DemoOptions.Section).Get<DemoOptions>()?.Enabled == true)
            problems.Add("DocSign:Demo:Enabled is true: the demo accounts have the public password 'docsign-demo'. Set DocSign__Demo__Enabled=false (and remove the demo data with --remove-demo-data).");
        var verification = configuration.GetSection(VerificationSettings.Section).Get<VerificationSettings>() ?? new VerificationSettings();
        if (verification.TrustSamplePki)
            problems.Add("DocSign:Verification:TrustSamplePki is true: the sample root's private key is public, so anyone can make a signature that verifies VALID. Set it to false.");
        foreach (var anchor in verification.TrustAnchors.Where(SampleTrust.IsSampleRootFile))
            problems.Add($"DocSign:Verification:TrustAnchors lists the sample root ({anchor}), whose private key is public. Remove it.");
        var bsre = configuration.GetSection(Signing.Providers.BsreSettings.Section).Get<Signing.Providers.BsreSettings>() ?? new Signing.Providers.BsreSettings();
        foreach (var anchor in bsre.TrustAnchors.Where(SampleTrust.IsSampleRootFile))
            problems.Add($"DocSign:Signing:Bsre:TrustAnchors lists the emulator's CONTOH root ({anchor}), whose private key is public. Configure the real Root CA Indonesia DS G1 instead.");
        if (!string.IsNullOrWhiteSpace(configuration["DocSign:SamplePkiDirectory"]))
            problems.Add("DocSign:SamplePkiDirectory is set: the sample PKI's keys are public, and with it the signing engine and the letter seal fall back to the sample root and keys (and outbound calls may reach its loopback services). Remove the setting and configure the office's own keys and trust anchors.");
        var dataProtection = configuration.GetSection(DataProtectionSettings.Section).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        if (!dataProtection.IsConfigured)
            problems.Add("DocSign:DataProtection:CertificatePath or DocSign:DataProtection:Key is not set: the keys that protect sign-in tokens would be stored unencrypted in the database. Configure one (e.g. DocSign__DataProtection__Key from `openssl rand -base64 32`, kept outside the database and its backups).");
        return problems;
    }
}
