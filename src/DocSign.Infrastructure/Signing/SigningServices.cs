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
                if (o.TrustAnchors.Count == 0 && Security.SampleTrust.RootFile(configuration) is { } sampleRoot)
                    o.TrustAnchors.Add(sampleRoot);
            });
        // The TSA (operator configuration) has its own client that never follows redirects: its address names
        // exactly one server. OCSP, CRL and CA-issuer fetches use the outbound policy's client (OutboundHttp).
        services.AddTransient<RetryConnectHandler>();
        services.AddHttpClient(PadesSignatureService.TsaClient)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<RetryConnectHandler>();
        services.AddSingleton<PadesSignatureService>();
        services.AddSingleton<ISignatureService>(sp => sp.GetRequiredService<PadesSignatureService>());
        // Who signs (issue 20): PKCS#12, PKCS#11, BSrE ECS and the BSrE e-seal behind one port.
        services.AddOptions<Providers.BsreOptions>().Bind(configuration.GetSection(Providers.BsreOptions.Section));
        services.AddOptions<Providers.Pkcs11Options>().Bind(configuration.GetSection(Providers.Pkcs11Options.Section));
        services.AddHttpClient(Providers.BsreClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan); // BsreOptions.Timeout bounds each call
        services.AddSingleton<ISigningProviders, Providers.SigningProviders>();
        services.AddScoped<ISignerKeyStore, EfSignerKeyStore>();
        services.AddScoped<ISignatureRecords, EfSignatureRecords>();
        services.Replace(ServiceDescriptor.Scoped<IDemoSignerEnrollment, DemoSignerEnrollment>());
        return services;
    }
}
