using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Storage;
using DocSign.Infrastructure.Pdf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Storage;

/// <summary>
/// The object store (<c>DocSign:Storage</c>: the file system under the data directory by default, or S3) behind the
/// retention guard, the upload limits (<c>DocSign:Upload</c>), the PDF inspector uploads pass, and the orphan
/// sweeper's settings (<c>DocSign:Sweeper</c>).
/// </summary>
public static class StorageModule
{
    public static IServiceCollection AddDocSignStorage(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        services.Configure<SweeperOptions>(configuration.GetSection(SweeperOptions.Section));
        // Every caller gets the retention guard: archive objects cannot be deleted before their date.
        services.AddSingleton<IObjectStore>(sp => new RetentionGuardedObjectStore(Create(sp, dataDirectory), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPdfInspector, DocSignPdfInspector>();
        return services;
    }

    private static IObjectStore Create(IServiceProvider sp, string dataDirectory)
    {
        var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        return options.Kind switch
        {
            StorageKind.S3 => new S3ObjectStore(options.S3, sp.GetRequiredService<ILogger<S3ObjectStore>>()),
            _ => new FileSystemObjectStore(options.FileSystem.Root ?? Path.Combine(dataDirectory, "objects")),
        };
    }
}
