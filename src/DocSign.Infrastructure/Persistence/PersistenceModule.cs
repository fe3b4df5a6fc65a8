using DocSign.Core.Health;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Persistence;

/// <summary>Where the database is: the provider and the connection string the jobs' store shares.</summary>
public sealed record DatabaseSetup(DatabaseProvider Provider, string ConnectionString);

/// <summary>
/// The database (<c>DocSign:Database</c>, <c>ConnectionStrings:DocSign</c>): SQLite by default under the data
/// directory, or PostgreSQL; pooled contexts; the repositories and the unit of work that saves them together.
/// </summary>
public static class PersistenceModule
{
    public static DatabaseSetup AddDocSignPersistence(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ResolveConnectionString(configuration, database.Provider, dataDirectory);
        // Pooled contexts with options built once: creating and configuring a context for every unit of work was a
        // quarter of the CPU of a letter number (the register numbers hundreds a second, each request in its own scope).
        services.AddDbContextPool<DocSignDbContext>((sp, o) =>
        {
            ConfigureDatabase(o, database.Provider, connectionString, sp.GetRequiredService<AuditChainInterceptor>());
            // Enqueues the jobs a committed save causes (a signature: its surat pengantar; a dispatch: the archive copies).
            if (sp.GetService<Jobs.JobCauses>() is { } causes) o.AddInterceptors(causes);
        });
        services.AddScoped<IUnitOfWork, EfUnitOfWork>();
        services.AddSingleton<IDatabaseFaults, DatabaseFaultReader>();
        services.AddScoped<IDocumentRepository, DocumentRepository>();
        services.AddScoped<ActorDirectory>();
        services.AddScoped<IActorDirectory>(sp => sp.GetRequiredService<ActorDirectory>());
        services.AddScoped<IWorkflowRepository, WorkflowRepository>();
        services.AddScoped<ICalendarRepository, CalendarRepository>();
        services.AddScoped<Core.Reminders.INoticeStore, NoticeStore>();
        services.AddScoped<Core.StandIns.IActingAssignments, ActingAssignmentStore>();
        services.AddScoped<IOfficeMembers, OfficeMembers>();
        services.AddScoped<Core.Access.IPeopleDirectory, EfPeopleDirectory>();
        services.AddScoped<Core.Calendar.ILkjipDeadlines, LkjipDeadlineStore>();
        services.AddScoped<IDatabaseProbe, EfDatabaseProbe>();
        return new DatabaseSetup(database.Provider, connectionString);
    }

    /// <summary>
    /// The provider and the audit-chain interceptor. Without <paramref name="audit"/> (schema tools and tests that
    /// only read), a context built here refuses to append to the audit chain: it has no chain key.
    /// </summary>
    public static void ConfigureDatabase(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, AuditChainInterceptor? audit = null)
    {
        if (provider == DatabaseProvider.Postgres)
            options.UseNpgsql(connectionString);
        else
            options.UseSqlite(connectionString);
        // The migrations are hand-written and there is no model snapshot (no design-time tooling here), so EF
        // cannot tell whether they match the model; the MigrationsMatchModel tests check that instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        // Places audit entries in the hash chain under the chain-head lock, in the transaction of the save.
        options.AddInterceptors(audit ?? KeylessInterceptor);
    }

    private static readonly AuditChainInterceptor KeylessInterceptor = new(null);

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
}
