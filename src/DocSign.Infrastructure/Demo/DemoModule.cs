using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Demo;

/// <summary>The demo (<c>DocSign:Demo</c>, scripts/run.sh only): its offices and accounts, seeded at start, or disabled when the demo is off.</summary>
public static class DemoModule
{
    public static IServiceCollection AddDocSignDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.AddScoped<DemoAccounts>();
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
