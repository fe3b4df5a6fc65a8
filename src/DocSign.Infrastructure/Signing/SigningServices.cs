using DocSign.Core.Demo;
using DocSign.Core.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DocSign.Infrastructure.Signing;

public static class SigningServices
{
    /// <summary>
    /// The signing module's adapters: the PAdES engine, the key store, the signature records, verification through
    /// the service's verifier, and the demo enrolment. Configuration: <c>DocSign:Signing</c>, <c>DocSign:PublicBaseUrl</c>,
    /// <c>DocSign:SamplePkiDirectory</c>.
    /// </summary>
    public static IServiceCollection AddDocSignSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SigningOptions>()
            .Bind(configuration.GetSection(SigningOptions.Section))
            .PostConfigure(o =>
            {
                if (configuration["DocSign:PublicBaseUrl"] is { Length: > 0 } url) o.PublicBaseUrl = url;
            });
        services.AddOptions<SigningEngineSettings>()
            .Bind(configuration.GetSection(SigningEngineSettings.Section))
            .PostConfigure(s =>
            {
                var samplePki = configuration["DocSign:SamplePkiDirectory"];
                if (s.TrustAnchors.Count == 0 && !string.IsNullOrWhiteSpace(samplePki))
                    s.TrustAnchors.Add(Path.Combine(samplePki, "root-ca.pem"));
            });
        // The TSA (operator configuration) has its own client that never follows redirects: its address names
        // exactly one server. OCSP, CRL and CA-issuer fetches use the outbound policy's client (OutboundHttp).
        services.AddTransient<RetryConnectHandler>();
        services.AddHttpClient(PadesSignatureService.TsaClient)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<RetryConnectHandler>();
        services.AddSingleton<ISignatureService, PadesSignatureService>();
        services.AddScoped<ISignerKeyStore, EfSignerKeyStore>();
        services.AddScoped<ISignatureRecords, EfSignatureRecords>();
        services.Replace(ServiceDescriptor.Scoped<IDemoSignerEnrollment, DemoSignerEnrollment>());
        return services;
    }
}
