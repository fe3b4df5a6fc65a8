using DocSign.Infrastructure.Intake;
using DocSign.Core;
using DocSign.Infrastructure.Archive;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Jobs;
using DocSign.Infrastructure.Letters;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Reminders;
using DocSign.Infrastructure.Search;
using DocSign.Infrastructure.Security;
using DocSign.Infrastructure.Signing;
using DocSign.Infrastructure.Storage;
using DocSign.Infrastructure.Verification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure;

/// <summary>
/// The composition root of the adapters, module by module; each module wires itself in its own folder
/// (<c>&lt;Module&gt;/&lt;Module&gt;Module.cs</c>, the signing module in <c>Signing/SigningServices.cs</c>) and reads
/// its own configuration section. Start-up work (migrations, demo data) is <see cref="DocSignStartup"/>.
/// </summary>
public static class DependencyInjection
{
    public static IServiceCollection AddDocSignInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDocSignCore();
        var dataDirectory = ResolveDataDirectory(configuration);
        services.AddOptions<DocSignOptions>().Bind(configuration.GetSection(DocSignOptions.Section)).PostConfigure(o => o.DataDirectory = dataDirectory);

        var database = services.AddDocSignPersistence(configuration, dataDirectory);   // DocSign:Database
        services.AddDocSignAudit(configuration, dataDirectory);                          // DocSign:Audit (chain key, anchors, seal)
        services.AddDocSignStorage(configuration, dataDirectory);                        // DocSign:Storage, :Upload, :Sweeper
        services.AddDocSignVerification(configuration);                                  // DocSign:Verification, :Outbound
        services.AddDocSignSigning(configuration);                                       // DocSign:Signing, :PublicBaseUrl
        services.AddDocSignLetters(configuration);                                       // DocSign:Letters
        services.AddDocSignIntakeAdapters();                                             // surat masuk register, hand-off sheet
        services.AddDocSignSearchAdapters();                                             // search over documents, letters, archive
        services.AddDocSignArchive(configuration);                                       // DocSign:Archive
        services.AddDocSignDemo(configuration);                                          // DocSign:Demo
        services.AddDocSignIdentity(configuration);                                      // accounts, DocSign:DataProtection
        services.Configure<DocSign.Core.Workflow.WorkflowOptions>(configuration.GetSection(DocSign.Core.Workflow.WorkflowOptions.Section));
        services.AddDocSignReminders(configuration);                                     // DocSign:Reminders, :Email
        services.AddDocSignJobs(configuration, database);                                // DocSign:Jobs
        return services;
    }

    private static string ResolveDataDirectory(IConfiguration configuration)
    {
        var configured = configuration.GetSection(DocSignOptions.Section).Get<DocSignOptions>()?.DataDirectory;
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? new DocSignOptions().DataDirectory : configured);
        PrivateFiles.CreateDirectory(path);
        return path;
    }
}
