using DocSign.Core.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Search;

/// <summary>The search module's adapter: the EF Core index over documents, letters, signatures and archive copies.</summary>
public static class SearchAdapters
{
    public static IServiceCollection AddDocSignSearchAdapters(this IServiceCollection services)
    {
        services.AddScoped<ISearchIndex, EfSearchIndex>();
        return services;
    }
}
