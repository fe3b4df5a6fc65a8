using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using DocSign.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// Hangfire's store: PostgreSQL (schema <c>hangfire</c> in DocSign's database) when DocSign runs on PostgreSQL, so
/// every instance shares the queue and the recurring jobs; in memory for SQLite (one process; see
/// docs/decisions/0001-hangfire-embedded-store.md). Either way the work itself is keyed in DocSign's tables.
/// </summary>
internal static class JobStores
{
    public static JobStorage Create(DatabaseSetup database, JobsOptions options)
    {
        if (database.Provider != DatabaseProvider.Postgres)
            return new InMemoryStorage(new InMemoryStorageOptions());
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = options.PollInterval,
            InvisibilityTimeout = options.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, storageOptions), storageOptions);
    }
}

/// <summary>
/// This instance's Hangfire server: registers every job of the <see cref="JobCatalog"/> as a recurring job (the
/// same id from every instance, so they share one schedule) and runs workers that take jobs from the store.
/// </summary>
public sealed class JobServer(JobStorage storage, JobCatalog catalog, IServiceScopeFactory scopes, IOptions<JobsOptions> options, ILogger<JobServer> logger) : IHostedService
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var recurring = new RecurringJobManager(storage);
        foreach (var job in catalog.All)
        {
            var name = job.Name;
            recurring.AddOrUpdate(job.Key, Job.FromExpression<JobRunner>(r => r.RunAsync(name, null, CancellationToken.None)),
                JobCatalog.CronOf(job.Interval), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = Math.Max(1, o.Workers),
            SchedulePollingInterval = o.PollInterval,
            HeartbeatInterval = o.HeartbeatInterval,
            ServerTimeout = o.ServerTimeout,
            ServerCheckInterval = o.HeartbeatInterval,
            Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(scopes),
            ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}",
        }, storage);
        logger.LogInformation("Hangfire server {Server} started with {Jobs} recurring jobs on {Storage}", _server, catalog.All.Count, storage.GetType().Name);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may stop twice (a test host's dispose after its stop): the first call takes the server.
        if (Interlocked.Exchange(ref _server, null) is not { } server) return;
        server.SendStop();
        try { await server.WaitForShutdownAsync(cancellationToken); }
        catch (OperationCanceledException) { }
        server.Dispose();
    }
}
