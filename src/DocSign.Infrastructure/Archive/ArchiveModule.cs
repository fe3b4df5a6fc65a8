using DocSign.Core.Archive;
using DocSign.Infrastructure.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Archive;

/// <summary>The archive (<c>DocSign:Archive</c>): its copies and the engine's B-LTA renewal of their timestamps.</summary>
public static class ArchiveModule
{
    public static IServiceCollection AddDocSignArchive(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ArchiveOptions>(configuration.GetSection(ArchiveOptions.Section));
        services.AddScoped<IArchiveRepository, ArchiveRepository>();
        services.AddScoped<IArchiveNames, EfArchiveNames>();
        services.AddSingleton<IArchiveSignatures, EngineArchiveSignatures>();
        services.AddSingleton<IDestructionRecordRenderer, Rendering.DestructionRecordPdf>();
        return services;
    }
}
