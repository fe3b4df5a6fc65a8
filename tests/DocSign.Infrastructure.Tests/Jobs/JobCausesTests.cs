using DocSign.Infrastructure.Jobs;
using DocSign.Testing.Documents;
using DocSign.Testing.Services;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Tests.Jobs;

/// <summary>A committed signed version enqueues its document's surat pengantar job, once (no Hangfire server runs here, so the job waits in the queue).</summary>
public abstract class JobCausesTests : IAsyncLifetime
{
    private readonly string _root = TestEnvironment.NewTempDirectory("causes");
    private readonly List<string> _warnings = [];
    private ServiceProvider _services = null!;

    protected abstract Task<Dictionary<string, string?>> DatabaseAsync();

    public async Task InitializeAsync()
    {
        var settings = await DatabaseAsync();
        settings["DocSign:DataDirectory"] = _root;
        settings["DocSign:Demo:Enabled"] = "true";
        settings["DocSign:Jobs:PollInterval"] = "00:00:01";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.AddProvider(new Warnings(_warnings)));
        services.AddDocSignInfrastructure(configuration);
        _services = services.BuildServiceProvider();
        await _services.InitializeDocSignAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_committed_signed_version_enqueues_one_cover_letter_job_for_its_document()
    {
        var monitor = _services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var (id, _) = await SignedDocuments.CreateSignedAsync(_services, "candipuro", "LKjIP Kecamatan Candipuro Tahun 2025");
        var queued = monitor.EnqueuedJobs("default", 0, 1000);
        string Seen() => string.Join("\n", queued.Select(j => $"{j.Key}: {j.Value.Job?.Method.Name}({string.Join(", ", j.Value.Job?.Args ?? [])})"))
            + "\n" + string.Join("\n", _warnings);
        var forDocument = queued.Where(j => j.Value.Job is { } x && x.Args.Count > 1 && Equals(x.Args[1], id)).ToList();
        forDocument.Count.ShouldBe(1, Seen());
        var job = forDocument[0].Value.Job;
        job.Method.Name.ShouldBe(nameof(JobRunner.RunAsync));
        job.Args[0].ShouldBe("surat-pengantar", Seen());

        // A Hangfire server takes it from the queue and runs it (the letter itself needs the office's seal, which
        // this set-up does not configure: the run is recorded either way).
        var jobId = forDocument[0].Key;
        var server = _services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<JobServer>().Single();
        await server.StartAsync(default);
        try
        {
            await Wait.UntilAsync(() => monitor.JobDetails(jobId).History.Any(h => h.StateName is "Succeeded" or "Failed"), TimeSpan.FromSeconds(90),
                () => $"the enqueued job processed; its states: {string.Join(", ", monitor.JobDetails(jobId).History.Select(h => h.StateName + " " + h.Reason))}\n{string.Join("\n", _warnings)}");
            (await _services.GetRequiredService<JobRecords>().FindAsync("surat-pengantar")).ShouldNotBeNull().Runs.ShouldBe(1);
        }
        finally
        {
            await server.StopAsync(default);
        }
    }
}

public sealed class SqliteJobCausesTests : JobCausesTests
{
    protected override Task<Dictionary<string, string?>> DatabaseAsync() => Task.FromResult(new Dictionary<string, string?>());
}

public sealed class PostgresJobCausesTests : JobCausesTests
{
    private PostgresDatabase? _database;

    protected override async Task<Dictionary<string, string?>> DatabaseAsync()
    {
        _database = await PostgresDatabase.CreateAsync("causes");
        return new() { ["DocSign:Database:Provider"] = "Postgres", ["ConnectionStrings:DocSign"] = _database.ConnectionString };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

/// <summary>Keeps warnings and errors, to say why a job was not enqueued.</summary>
internal sealed class Warnings(List<string> sink) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;
    public void Dispose() { }
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) lock (sink) sink.Add($"{formatter(state, exception)} {exception}");
    }
}
