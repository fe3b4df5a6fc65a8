using DocSign.Core;
using DocSign.Core.Archive;
using DocSign.Core.Letters;
using DocSign.Infrastructure.Archive;
using DocSign.Infrastructure.Letters;
using DocSign.Infrastructure.Rendering;
using DocSign.Infrastructure.Signing;
using DocSign.Core.Audit;
using DocSign.Infrastructure.Audit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Storage;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Jobs;
using DocSign.Infrastructure.Outbound;
using DocSign.Infrastructure.Security;
using DocSign.Infrastructure.Pdf;
using DocSign.Infrastructure.Signing;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Storage;
using DocSign.Infrastructure.Verification;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace DocSign.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Database (SQLite or PostgreSQL), object store (file system or S3), accounts, data protection,
    /// the PDF inspector and the in-process jobs, all chosen from configuration.
    /// </summary>
    public static IServiceCollection AddDocSignInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDocSignCore();

        var dataDirectory = ResolveDataDirectory(configuration);
        services.Configure<DocSignOptions>(o => o.DataDirectory = dataDirectory);
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        services.Configure<SweeperOptions>(configuration.GetSection(SweeperOptions.Section));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ResolveConnectionString(configuration, database.Provider, dataDirectory);
        // Pooled contexts with options built once: creating and configuring a context for every unit of work was a
        // quarter of the CPU of a letter number (the register numbers hundreds a second, each request in its own scope).
        services.AddDbContextPool<DocSignDbContext>(o => ConfigureDatabase(o, database.Provider, connectionString));
        services.AddScoped<DemoAccounts>();
        services.AddScoped<AuditChainVerifier>();
        services.AddSingleton<AuditExtractPdf>();
        services.AddOptions<AuditSealOptions>().Bind(configuration.GetSection(AuditSealOptions.Section)).PostConfigure(o =>
        {
            // The demo seals audit extracts with the sample PKI's office e-seals (passphrase "sample").
            var samplePki = configuration["DocSign:SamplePkiDirectory"];
            if (string.IsNullOrWhiteSpace(o.Directory) && !string.IsNullOrWhiteSpace(samplePki)
                && configuration.GetSection(DemoOptions.Section).Get<DemoOptions>()?.Enabled == true)
            {
                o.Directory = samplePki;
                o.Passphrase ??= "sample";
            }
        });
        services.AddScoped<IDocumentRepository, DocumentRepository>();
        services.AddScoped<ActorDirectory>();
        services.AddScoped<IActorDirectory>(sp => sp.GetRequiredService<ActorDirectory>());
        services.AddScoped<IWorkflowRepository, WorkflowRepository>();
        services.Configure<DocSign.Core.Workflow.WorkflowOptions>(configuration.GetSection(DocSign.Core.Workflow.WorkflowOptions.Section));
        services.AddScoped<DemoSeeder>();
        services.TryAddScoped<IAuditRequestContext, NoAuditRequestContext>();
        services.AddScoped<IAuditTrail, EfAuditTrail>();

        // Letters and archive: the register (locking allocation), the letter PDF, its unattended signature, archive copies.
        services.Configure<LetterOptions>(configuration.GetSection(LetterOptions.Section));
        services.Configure<LetterSigningOptions>(configuration.GetSection(LetterSigningOptions.Section));
        services.Configure<ArchiveOptions>(configuration.GetSection(ArchiveOptions.Section));
        services.AddSingleton<LetterNumberLanes>();
        services.AddScoped<ILetterRegister, EfLetterRegister>();
        services.AddScoped<IArchiveRepository, ArchiveRepository>();
        services.AddSingleton<ICoverLetterRenderer, CoverLetterPdf>();
        services.AddSingleton<ILetterSigner, PadesLetterSigner>();
        services.AddSingleton<IArchiveSignatures, EngineArchiveSignatures>();
        services.AddSingleton<JobStatusReader>();
        services.AddSingleton<DocSign.Core.Jobs.IJobDirectory>(sp => sp.GetRequiredService<JobStatusReader>());
        services.AddSingleton<IRegisterRenderer, DocSign.Infrastructure.Rendering.RegisterPdf>();
        services.AddScoped<IAuditTrailReader, EfAuditTrailReader>();
        services.AddScoped<AuditPortAdapters>();
        services.AddScoped<IAuditExtract>(sp => sp.GetRequiredService<AuditPortAdapters>());
        services.AddScoped<IAuditChain>(sp => sp.GetRequiredService<AuditPortAdapters>());
        services.AddScoped<DocSign.Core.Health.IDatabaseProbe, EfDatabaseProbe>();

        // Every caller gets the retention guard: archive objects cannot be deleted before their date.
        services.AddSingleton<IObjectStore>(sp => new RetentionGuardedObjectStore(CreateObjectStore(sp, dataDirectory), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPdfInspector, DocSignPdfInspector>();

        // Verification for auditors (POST /api/verify): trust anchors from configuration only. The sample PKI's
        // root (its private key is in the repository) is trusted only when explicitly asked for, for the demo
        // (scripts/run.sh) and tests: DocSign:Verification:TrustSamplePki, which also lets outbound calls reach
        // its OCSP/CRL/TSA services on loopback.
        var verification = configuration.GetSection(VerificationSettings.Section).Get<VerificationSettings>() ?? new VerificationSettings();
        var samplePki = configuration["DocSign:SamplePkiDirectory"];
        services.AddOptions<VerificationSettings>()
            .Bind(configuration.GetSection(VerificationSettings.Section))
            .PostConfigure(v =>
            {
                if (v.TrustSamplePki && !string.IsNullOrWhiteSpace(samplePki))
                    v.TrustAnchors.Add(Path.Combine(samplePki, "root-ca.pem"));
            });
        services.AddOptions<OutboundOptions>()
            .Bind(configuration.GetSection(OutboundOptions.Section))
            .PostConfigure(o =>
            {
                // The sample PKI's services are reachable when something trusts its root: the verifier
                // (TrustSamplePki), or the signing engine, which falls back to the sample root when it has no anchors
                // of its own (its OCSP/CRL fetches for B-LT and the signer pre-check go through this policy too).
                bool signingTrustsSample = !string.IsNullOrWhiteSpace(samplePki)
                    && !configuration.GetSection(SigningEngineSettings.Section + ":TrustAnchors").GetChildren().Any();
                if (verification.TrustSamplePki || signingTrustsSample) o.Allow.Add(OutboundHttp.SamplePkiServices);
            });
        services.AddDocSignOutboundHttp();
        services.AddSingleton<VerificationProfile>();
        services.AddSingleton<DocSign.Core.Verification.IPdfVerifier, EnginePdfVerifier>();
        services.AddDocSignSigning(configuration);

        services.AddIdentityCore<DocSignUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_@";
            })
            .AddEntityFrameworkStores<DocSignDbContext>();

        // Bearer tokens and cookies are protected with these keys: kept in the database so that every instance
        // shares them, encrypted with a secret from configuration (never stored beside them).
        services.AddDocSignDataProtection(configuration);

        AddJobs(services, configuration, database.Provider, connectionString);
        return services;
    }

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
        PrivateFiles.Restrict(scope.ServiceProvider.GetRequiredService<IOptions<DocSignOptions>>().Value.DataDirectory);
        if (!seedDemo) return;
        if (scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        else
            await scope.ServiceProvider.GetRequiredService<DemoAccounts>().DisableAsync(cancellationToken);
    }

    public static void ConfigureDatabase(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
            options.UseNpgsql(connectionString);
        else
            options.UseSqlite(connectionString);
        // The migrations are hand-written and there is no model snapshot (no design-time tooling here), so EF
        // cannot tell whether they match the model; the MigrationsMatchModel tests check that instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        // Places audit entries in the hash chain under the chain-head lock, in the transaction of the save.
        options.AddInterceptors(AuditInterceptor);
    }

    private static readonly AuditChainInterceptor AuditInterceptor = new();

    private static string ResolveDataDirectory(IConfiguration configuration)
    {
        var configured = configuration["DocSign:DataDirectory"];
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured);
        PrivateFiles.CreateDirectory(path);
        return path;
    }

    private static string ResolveConnectionString(IConfiguration configuration, DatabaseProvider provider, string dataDirectory)
    {
        var configured = configuration.GetConnectionString("DocSign");
        if (!string.IsNullOrWhiteSpace(configured))
            return provider == DatabaseProvider.Postgres ? WithPostgresDefaults(configured) : configured;
        if (provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException("ConnectionStrings:DocSign is required when DocSign:Database:Provider is Postgres.");
        return $"Data Source={Path.Combine(dataDirectory, "docsign.db")}";
    }

    /// <summary>
    /// A database that is down must fail a request within seconds (503), not after Npgsql's default 15 s.
    /// Statements run often are prepared on each pooled connection (Npgsql's automatic preparation), which spares
    /// PostgreSQL parsing and planning them every time: about a fifth more letter numbers a second on two cores.
    /// An operator's explicit Timeout or Max Auto Prepare wins.
    /// </summary>
    private static string WithPostgresDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 5;
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    private static IObjectStore CreateObjectStore(IServiceProvider sp, string dataDirectory)
    {
        var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        return options.Kind switch
        {
            StorageKind.S3 => new S3ObjectStore(options.S3, sp.GetRequiredService<ILogger<S3ObjectStore>>()),
            _ => new FileSystemObjectStore(options.FileSystem.Root ?? Path.Combine(dataDirectory, "objects")),
        };
    }

    private static void AddJobs(IServiceCollection services, IConfiguration configuration, DatabaseProvider provider, string connectionString)
    {
        var sweeper = configuration.GetSection(SweeperOptions.Section).Get<SweeperOptions>() ?? new SweeperOptions();
        var letters = configuration.GetSection(LetterOptions.Section).Get<LetterOptions>() ?? new LetterOptions();
        var archive = configuration.GetSection(ArchiveOptions.Section).Get<ArchiveOptions>() ?? new ArchiveOptions();
        // Scheduler rows in the database are keyed by this name; tests give each host its own (instances that
        // share the work share the name).
        var schedulerName = configuration["DocSign:Jobs:SchedulerName"] ?? "DocSign";
        var checkin = configuration.GetValue<TimeSpan?>("DocSign:Jobs:ClusterCheckinInterval") ?? TimeSpan.FromSeconds(10);
        services.AddQuartz(schedulerName, q =>
        {
            // Scheduling runs on the real clock; the domain clock (TimeProvider in the container, a fake one in tests)
            // decides letter dates, years and retention, not when jobs fire.
            q.UseTimeProvider(TimeProvider.System);
            q.UsePersistentStore(s =>
            {
                if (provider == DatabaseProvider.Postgres)
                {
                    s.UsePostgres(connectionString);
                    // Several DocSign instances share the jobs; a job a dead instance was running (RequestRecovery)
                    // is taken over by another once the dead one misses its check-ins. Each instance gets its own
                    // generated instance id (UseClustering asks for it).
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = checkin;
                        c.CheckinMisfireThreshold = checkin * 2;
                    });
                }
                else s.UseSqlite(connectionString);
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
            });
            q.ScheduleJob<OrphanSweepJob>(
                t => t.WithIdentity("orphan-sweep-trigger", "storage")
                    .StartAt(DateTimeOffset.UtcNow + sweeper.Interval)
                    .WithSimpleSchedule(s => s.WithInterval(sweeper.Interval).RepeatForever()),
                j => j.WithIdentity(OrphanSweepJob.Key));
            var overdueInterval = configuration.GetSection(DocSign.Core.Workflow.WorkflowOptions.Section).Get<DocSign.Core.Workflow.WorkflowOptions>()?.OverdueCheckInterval
                                  ?? TimeSpan.FromMinutes(15);
            q.ScheduleJob<OverdueStepsJob>(
                t => t.WithIdentity("overdue-steps-trigger", "workflow")
                    .StartAt(DateTimeOffset.UtcNow + overdueInterval)
                    .WithSimpleSchedule(s => s.WithInterval(overdueInterval).RepeatForever()),
                j => j.WithIdentity(OverdueStepsJob.Key));
            Every<CoverLetterJob>(q, CoverLetterJob.Key, letters.CoverLetterPollInterval, "Membuat surat pengantar untuk dokumen yang sudah ditandatangani");
            Every<ArchiveJob>(q, ArchiveJob.Key, archive.ArchivePollInterval, "Menyalin dokumen dan surat pengantar yang sudah dikirim ke arsip");
            Every<ArchiveIntegrityJob>(q, ArchiveIntegrityJob.Key, archive.IntegrityInterval, "Memeriksa ulang SHA-256 setiap objek arsip");
            Every<ArchiveRenewalJob>(q, ArchiveRenewalJob.Key, archive.RenewalInterval, "Menambahkan stempel waktu dokumen baru (B-LTA) pada arsip yang mendekati kedaluwarsa");
        });
        services.AddQuartzHostedService(schedulerName, o => o.WaitForJobsToComplete = false);
    }

    /// <summary>A repeating job that a surviving instance re-runs if the one running it dies (RequestRecovery).</summary>
    private static void Every<TJob>(IQuartzBuilder q, JobKey key, TimeSpan interval, string description) where TJob : IJob =>
        q.ScheduleJob<TJob>(
            t => t.WithIdentity(key.Name + "-trigger", key.Group)
                .StartAt(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Min(interval.TotalSeconds, 5)))
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
            j => j.WithIdentity(key).WithDescription(description).RequestRecovery().StoreDurably());
}
