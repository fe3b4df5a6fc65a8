using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure;

/// <summary>What runs once before the service serves: the schema, the data folder's permissions, the demo data.</summary>
public static class DocSignStartup
{
    /// <summary>
    /// Brings the schema up to date (in place), makes the data folder private, and either seeds the demo offices and
    /// users (demo enabled) or disables any demo account left in the database (demo off).
    /// </summary>
    public static Task InitializeDocSignAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        InitializeAsync(services, seedDemo: true, cancellationToken);

    /// <summary>Only the schema and the data folder's permissions: for host commands (e.g. --remove-demo-data), which must not seed first.</summary>
    public static Task MigrateDocSignAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        InitializeAsync(services, seedDemo: false, cancellationToken);

    private static async Task InitializeAsync(IServiceProvider services, bool seedDemo, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("DocSign.Startup");
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        // Created up front: otherwise the first migration of an empty PostgreSQL database logs a failed
        // query against the missing history table, which reads like an error and is none.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        logger.LogInformation("Database schema up to date ({Provider}): {Migrations}", db.Database.ProviderName, string.Join(", ", applied));
        await AuditChainSetup.SealSwitchPointAsync(db, scope.ServiceProvider.GetRequiredService<AuditChainKey>(), logger, cancellationToken);
        PrivateFiles.Restrict(scope.ServiceProvider.GetRequiredService<IOptions<DocSignOptions>>().Value.DataDirectory);
        // The calendar defaults and the shipped national days are read now, so a bad setting fails the start, naming it.
        scope.ServiceProvider.GetRequiredService<DocSign.Core.Workflow.CalendarDefaults>();
        if (!seedDemo) return;
        if (scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        else
            await scope.ServiceProvider.GetRequiredService<DemoAccounts>().DisableAsync(cancellationToken);
    }
}
