using DocSign.Core.Demo;
using DocSign.Core.Documents;
using DocSign.Core.Storage;
using DocSign.Core.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DocSign.Core;

public static class DependencyInjection
{
    /// <summary>Use cases and the clock. Ports (storage, database, PDF inspection) come from infrastructure.</summary>
    public static IServiceCollection AddDocSignCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDemoSignerEnrollment, NoDemoSignerEnrollment>();
        services.AddScoped<VersionUploader>();
        services.AddScoped<CreateDocumentHandler>();
        services.AddScoped<AddVersionHandler>();
        services.AddScoped<GetDocumentHandler>();
        services.AddScoped<ListDocumentsHandler>();
        services.AddScoped<ReadVersionContentHandler>();
        services.AddScoped<SweepOrphanObjectsHandler>();
        services.AddScoped<VerifyUploadHandler>();
        services.AddScoped<VerifyStoredVersionHandler>();
        return services;
    }
}
