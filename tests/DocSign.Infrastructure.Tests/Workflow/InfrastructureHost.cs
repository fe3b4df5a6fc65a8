using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Workflow;

/// <summary>DocSign's infrastructure on a given database with a fake clock and the demo data, as the use-case tests need it.</summary>
internal static class InfrastructureHost
{
    public static async Task<ServiceProvider> StartAsync(string folder, string provider, string connectionString, TimeProvider clock,
        IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = folder,
            ["DocSign:Database:Provider"] = provider,
            ["ConnectionStrings:DocSign"] = connectionString,
            ["DocSign:Demo:Enabled"] = "true",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(clock);
        services.AddDocSignInfrastructure(configuration);
        var built = services.BuildServiceProvider();
        await built.InitializeDocSignAsync();
        return built;
    }
}
