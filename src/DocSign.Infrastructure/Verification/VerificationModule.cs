using DocSign.Core.Signing;
using DocSign.Core.Verification;
using DocSign.Infrastructure.Outbound;
using DocSign.Infrastructure.Security;
using DocSign.Infrastructure.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Verification;

/// <summary>
/// The service's one verifier (<c>DocSign:Verification</c>) and the outbound policy its revocation checks go through
/// (<c>DocSign:Outbound</c>). Trust anchors come from configuration only; the sample PKI's root (its private key is
/// in the repository) is trusted only when asked for (<c>TrustSamplePki</c>, the demo and tests), which also lets
/// outbound calls reach its services on loopback.
/// </summary>
public static class VerificationModule
{
    public static IServiceCollection AddDocSignVerification(this IServiceCollection services, IConfiguration configuration)
    {
        var verification = configuration.GetSection(VerificationSettings.Section).Get<VerificationSettings>() ?? new VerificationSettings();
        var sampleRoot = SampleTrust.RootFile(configuration);
        services.AddOptions<VerificationSettings>()
            .Bind(configuration.GetSection(VerificationSettings.Section))
            .PostConfigure(v =>
            {
                if (v.TrustSamplePki && sampleRoot is not null) v.TrustAnchors.Add(sampleRoot);
            });
        services.AddOptions<OutboundOptions>()
            .Bind(configuration.GetSection(OutboundOptions.Section))
            .PostConfigure(o =>
            {
                // The sample PKI's services are reachable when something trusts its root: the verifier
                // (TrustSamplePki), or the signing engine, which falls back to the sample root when it has no anchors
                // of its own (its OCSP/CRL fetches for B-LT and the signer pre-check go through this policy too).
                bool signingTrustsSample = sampleRoot is not null
                    && (configuration.GetSection(SigningOptions.Section).Get<SigningOptions>()?.TrustAnchors.Count ?? 0) == 0;
                if (verification.TrustSamplePki || signingTrustsSample) o.Allow.Add(OutboundHttp.SamplePkiServices);
            });
        services.AddDocSignOutboundHttp();
        services.AddSingleton<VerificationProfile>();
        services.AddSingleton<IPdfVerifier, EnginePdfVerifier>();
        return services;
    }
}
