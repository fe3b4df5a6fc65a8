using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.Web.Tests.Signing;

/// <summary>
/// A whole DocSign host with signing configured as the demo has it: the sample PKI's directory (demo keys, trust
/// for validation data), its TSA, B-LTA by default. Every log line of every category, down to Debug, is kept so
/// that tests can prove no passphrase reaches a log.
/// </summary>
public abstract class SigningFixture : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://docsign.example.go.id";

    private readonly Dictionary<string, string> _tokens = new();
    private WebApplicationFactory<Program> _factory = null!;
    protected readonly string DataDirectory = TestEnvironment.NewTempDirectory("signing");

    public CapturedLogs Logs { get; } = new();
    public IServiceProvider Services => _factory.Services;

    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    public async Task InitializeAsync()
    {
        PkiServices.EnsureRunning();
        var settings = await SettingsAsync();
        settings["DocSign:DataDirectory"] = DataDirectory;
        settings["DocSign:Demo:Enabled"] = "true";
        settings["DocSign:Jobs:SchedulerName"] = $"signing-{Guid.NewGuid():N}";
        settings["DocSign:SamplePkiDirectory"] = SamplePki.Dir;
        settings["DocSign:Verification:TrustAnchors:0"] = SamplePki.PathOf("root-ca.pem");
        settings["DocSign:Signing:TsaUrl"] = SamplePki.TsaUrl.AbsoluteUri;
        settings["DocSign:PublicBaseUrl"] = PublicBaseUrl;
        settings["Logging:LogLevel:Default"] = "Debug";
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Demo");   // the sample PKI and demo data run only in Demo or Development
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureLogging(l => l.AddProvider(Logs));
        });
        _ = _factory.Server;
    }

    public virtual async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    public HttpClient Anonymous() => _factory.CreateClient();

    public async Task<HttpClient> As(string userName)
    {
        if (!_tokens.TryGetValue(userName, out var token))
        {
            using var anonymous = Anonymous();
            _tokens[userName] = token = await ApiRequests.DemoTokenAsync(anonymous, userName);
        }
        return ApiRequests.Bearer(_factory.CreateClient(), token);
    }
}

public sealed class SqliteSigning : SigningFixture
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["DocSign:Database:Provider"] = "Sqlite",
        ["DocSign:Storage:Kind"] = "FileSystem",
    });
}

public sealed class PostgresS3Signing : SigningFixture
{
    private PostgresDatabase _database = null!;
    private S3rverServer _s3 = null!;

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        _database = await PostgresDatabase.CreateAsync("signing");
        _s3 = await S3rverServer.StartAsync();
        return new Dictionary<string, string?>
        {
            ["DocSign:Database:Provider"] = "Postgres",
            ["ConnectionStrings:DocSign"] = _database.ConnectionString,
            ["DocSign:Storage:Kind"] = "S3",
            ["DocSign:Storage:S3:ServiceUrl"] = _s3.ServiceUrl,
            ["DocSign:Storage:S3:AccessKey"] = S3rverServer.AccessKey,
            ["DocSign:Storage:S3:SecretKey"] = S3rverServer.SecretKey,
            ["DocSign:Storage:S3:Bucket"] = "docsign-signing",
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _s3.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>Keeps every formatted log line (with its exception) of the host.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                line += " | " + string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"));
            if (exception is not null) line += " | " + exception;
            lines.Enqueue(line);
        }
    }
}
