using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Core.Search;

/// <summary>Use cases of the search page and <c>GET /api/search</c>.</summary>
public static class SearchModule
{
    public static IServiceCollection AddDocSignSearch(this IServiceCollection services)
    {
        services.AddScoped<SearchRecordsHandler>();
        return services;
    }
}
