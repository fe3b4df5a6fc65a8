using DocSign.Infrastructure.Jobs;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using DocSign.Infrastructure.Signing;
using DocSign.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Audit;

/// <summary>The keyed audit chain's services, and the start-up step that seals the switch point to keyed links.</summary>
public static class AuditChainSetup
{
    public static void AddDocSignAuditChain(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<AuditChainOptions>(configuration.GetSection(AuditChainOptions.Section));
        var options = configuration.GetSection(AuditChainOptions.Section).Get<AuditChainOptions>() ?? new AuditChainOptions();
        // Loaded when the container is built into the context pool's options, i.e. before anything is audited.
        services.AddSingleton(_ => AuditChainKey.Load(options, dataDirectory));
        services.AddSingleton(sp => new AuditChainInterceptor(sp.GetRequiredService<AuditChainKey>()));
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<AuditAnchoring>();
        services.AddScoped<DocSign.Core.Audit.IRefusalAudit, EfRefusalAudit>();
        services.AddTransient<ITimestampClient>(sp => new HttpTimestampClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(PadesSignatureService.TsaClient)));
    }

    /// <summary>
    /// After the migrations: the switch point the migration marked gets the chain key's MAC, once. It is not sealed
    /// again when anchors exist already (someone cleared it: the verifier then reports it), and a key made by this
    /// very start for a chain that has keyed links means the key was lost or differs between instances.
    /// </summary>
    public static async Task SealSwitchPointAsync(DocSignDbContext db, AuditChainKey key, ILogger logger, CancellationToken cancellationToken)
    {
        if (key.FromDataDirectory && !db.Database.IsSqlite())
            logger.LogInformation("The audit chain key is the file under this instance's data folder; if several instances share this database, " +
                                  "give them all the same key (DocSign:Audit:ChainKey, or ChainKeyFile on a shared secret), or --verify-audit fails");
        var head = await db.Set<AuditChainHead>().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        if (head is null) return;
        if (head.KeyedFromMac is not null)
        {
            if (key.CreatedNow && head.Sequence >= head.KeyedFrom)
                logger.LogCritical("A new audit chain key was made at this start, but the chain already has keyed entries: the key file was lost or " +
                                   "instances use different keys (set DocSign:Audit:ChainKey the same everywhere); --verify-audit will report the chain broken");
            return;
        }
        if (await db.Set<AuditAnchor>().AnyAsync(cancellationToken))
        {
            logger.LogCritical("The audit chain's switch point to keyed links has lost its seal although the chain was anchored before; not sealing it again (--verify-audit reports it)");
            return;
        }
        head.KeyedFromMac = key.Mac(AuditChainKey.SwitchStatement(head.KeyedFrom));
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(head).State = EntityState.Detached;
        logger.LogInformation("Audit chain keyed from entry {Sequence} on (earlier entries keep their SHA-256 links)", head.KeyedFrom);
    }
}
