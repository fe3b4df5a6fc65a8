using DocSign.Core.Archive;
using DocSign.Core.Demo;
using DocSign.Core.Letters;
using DocSign.Core.Documents;
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
        services.TryAddSingleton<IDemoSignerEnrollment, NoDemoSignerEnrollment>();
        services.AddScoped<VersionUploader>();
        services.AddScoped<CreateDocumentHandler>();
        services.AddScoped<AddVersionHandler>();
        services.AddScoped<GetDocumentHandler>();
        services.AddScoped<ListDocumentsHandler>();
        services.AddScoped<ReadVersionContentHandler>();
        services.AddScoped<SweepOrphanObjectsHandler>();
        services.AddScoped<ReserveLetterNumberHandler>();
        services.AddScoped<GetLetterHandler>();
        services.AddScoped<ReadLetterContentHandler>();
        services.AddScoped<VoidLetterHandler>();
        services.AddScoped<DispatchLetterHandler>();
        services.AddScoped<UploadReceiptHandler>();
        services.AddScoped<ListLettersHandler>();
        services.AddScoped<CreateCoverLetterHandler>();
        services.AddScoped<ArchiveDispatchedLetterHandler>();
        services.AddScoped<CheckArchiveIntegrityHandler>();
        services.AddScoped<RenewArchiveTimestampsHandler>();
        services.AddScoped<ListArchiveHandler>();
        return services;
    }
}
