using System.Collections.Concurrent;
using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Tests.Reminders;

/// <summary>
/// The application's services on a real database with the demo offices and users, a fake clock, and every log line
/// kept; for the reminder, stand-in and deadline tests. Actors are the demo users as stored (their real ids).
/// </summary>
public sealed class YearHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private readonly string _folder = TestEnvironment.NewTempDirectory("year");
    private PostgresDatabase? _postgres;
    private ServiceProvider _services = null!;

    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 3, 6, 13, 0, 0, Wib).ToUniversalTime());
    public ConcurrentQueue<string> Logs { get; } = new();
    public IServiceProvider Services => _services;

    public static async Task<YearHarness> StartAsync(bool postgres, IDictionary<string, string?>? extra = null)
    {
        var harness = new YearHarness();
        string provider, connection;
        if (postgres)
        {
            harness._postgres = await PostgresDatabase.CreateAsync("year");
            (provider, connection) = ("Postgres", harness._postgres.ConnectionString);
        }
        else (provider, connection) = ("Sqlite", $"Data Source={Path.Combine(harness._folder, "db.sqlite")};Pooling=False");
        var settings = new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = harness._folder,
            ["DocSign:Database:Provider"] = provider,
            ["ConnectionStrings:DocSign"] = connection,
            ["DocSign:Demo:Enabled"] = "true",
            ["DocSign:Jobs:SchedulerName"] = $"year-{Guid.NewGuid():N}",
            ["DocSign:PublicBaseUrl"] = "https://docsign.example.go.id",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Debug).AddProvider(new Collecting(harness.Logs)));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(harness.Clock);
        services.AddDocSignInfrastructure(configuration);
        harness._services = services.BuildServiceProvider();
        await harness._services.InitializeDocSignAsync();
        return harness;
    }

    public void SetWib(int year, int month, int day, int hour, int minute = 0) =>
        Clock.Set(new DateTimeOffset(year, month, day, hour, minute, 0, Wib).ToUniversalTime());

    /// <summary>The demo user as an actor, with its stored id and memberships.</summary>
    public async Task<Actor> ActorAsync(string userName)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return (await scope.ServiceProvider.GetRequiredService<IActorDirectory>().FindAsync(id))!;
    }

    /// <summary>A new LKjIP of <paramref name="office"/> with a draft, its SOP started at the clock's now.</summary>
    public async Task<Guid> NewLkjipAsync(string office, string title)
    {
        var staf = await ActorAsync($"staf.{office}");
        await using var scope = _services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var now = Clock.GetUtcNow();
        var document = new Document(Guid.NewGuid(), office, 2025, "lkjip", title, staf.UserName, now);
        document.AddVersion(Guid.NewGuid(), VersionStage.Draft, staf.UserName, now, null, 10, new string('a', 64), $"documents/{document.Id:N}/v1", 1);
        (await sp.GetRequiredService<StartWorkflowHandler>().StageForNewDocumentAsync(document, staf)).ShouldNotBeNull();
        await sp.GetRequiredService<IDocumentRepository>().AddAsync(document);
        return document.Id;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private sealed class Collecting(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
