using DocSign.Core.Documents;
using DocSign.Core.Signing;
using DocSign.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DocSign.Core;

public static class DependencyInjection
{
    /// <summary>Use cases and the clock. Ports (storage, database, PDF inspection) come from infrastructure.</summary>
    public static IServiceCollection AddDocSignCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<VersionUploader>();
        services.AddScoped<CreateDocumentHandler>();
        services.AddScoped<AddVersionHandler>();
        services.AddScoped<GetDocumentHandler>();
        services.AddScoped<ListDocumentsHandler>();
        services.AddScoped<ReadVersionContentHandler>();
        services.AddScoped<SweepOrphanObjectsHandler>();
        // Signing: the workflow module replaces the stage-based stand-in by registering its own ISigningWorkflow.
        services.TryAddScoped<ISigningWorkflow, StageSigningWorkflow>();
        services.AddSingleton<VerdictCache>();
        services.AddScoped<EnrolSignerHandler>();
        services.AddScoped<ListEnrolmentsHandler>();
        services.AddScoped<SignDocumentHandler>();
        services.AddScoped<GetSigningContextHandler>();
        services.AddScoped<GetPublicVerificationHandler>();
        services.AddScoped<ComparePublicCopyHandler>();
        services.AddScoped<OfficeSigningSettingsHandler>();
        return services;
    }
}
