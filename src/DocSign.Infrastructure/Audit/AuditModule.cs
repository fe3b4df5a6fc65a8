using DocSign.Core.Audit;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DocSign.Infrastructure.Audit;

/// <summary>The hash-chained audit trail: writing (in the caller's unit of work), reading, the chain check and the sealed PDF extract (<c>DocSign:Audit:Seal</c>).</summary>
public static class AuditModule
{
    public static IServiceCollection AddDocSignAudit(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.TryAddScoped<IAuditRequestContext, NoAuditRequestContext>();
        services.AddScoped<IAuditTrail, EfAuditTrail>();
        services.AddScoped<IAuditTrailReader, EfAuditTrailReader>();
        services.AddDocSignAuditChain(configuration, dataDirectory);   // the chain key (outside the database), verifier, anchors, refusals
        services.AddSingleton<AuditExtractPdf>();
        services.AddScoped<AuditPortAdapters>();
        services.AddScoped<IAuditExtract>(sp => sp.GetRequiredService<AuditPortAdapters>());
        services.AddScoped<IAuditChain>(sp => sp.GetRequiredService<AuditPortAdapters>());
        services.AddOptions<AuditSealOptions>().Bind(configuration.GetSection(AuditSealOptions.Section)).PostConfigure(o =>
        {
            // The demo seals audit extracts with the sample PKI's office e-seals (passphrase "sample").
            if (string.IsNullOrWhiteSpace(o.Directory) && SampleTrust.Directory(configuration) is { } samplePki
                && configuration.GetSection(DemoOptions.Section).Get<DemoOptions>()?.Enabled == true)
            {
                o.Directory = samplePki;
                o.Passphrase ??= SampleTrust.Passphrase;
            }
        });
        return services;
    }
}
