using System.Net.Http.Headers;
using System.Net.Http.Json;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Api;

/// <summary>
/// A whole DocSign host (the real Program) on one database provider and one storage kind, chosen by
/// configuration exactly as an operator would, with the demo offices and users seeded.
/// </summary>
public abstract class ApiFixture : IAsyncLifetime
{
    /// <summary>Small so that the size limit can be tested without moving hundreds of megabytes.</summary>
    public const long MaxBytes = 300_000;

    private readonly Dictionary<string, string> _tokens = new();
    private WebApplicationFactory<Program> _factory = null!;
    protected readonly string DataDirectory = TestEnvironment.NewTempDirectory("web");

    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    /// <summary>Services a derived fixture adds (e.g. a test-only client address).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>Extra settings a derived fixture adds last (they win).</summary>
    protected virtual void Adjust(Dictionary<string, string?> settings) { }

    /// <summary>
    /// Serve on real Kestrel on 127.0.0.1 (a free port) instead of the in-memory test server, so that clients can
    /// connect from other loopback addresses (127.0.0.2, …) and the server sees each one's own address.
    /// </summary>
    protected virtual bool OnKestrel => false;

    /// <summary>With <see cref="OnKestrel"/>: the server's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri? KestrelAddress { get; private set; }

    public IServiceProvider Services => _factory.Services;

    public async Task InitializeAsync()
    {
        var settings = await SettingsAsync();
        settings["DocSign:DataDirectory"] = DataDirectory;
        settings["DocSign:Demo:Enabled"] = "true";
        settings["DocSign:Upload:MaxBytes"] = MaxBytes.ToString();
        settings["DocSign:Jobs:SchedulerName"] = $"web-{Guid.NewGuid():N}";
        // Auditors' verification trusts the sample root, as scripts/run.sh does; revocation is asked online.
        settings["DocSign:Verification:TrustAnchors:0"] = DocSign.Testing.Pki.SamplePki.PathOf("root-ca.pem");
        // The sample PKI's OCSP/CRL/TSA sit on loopback, which outbound calls may reach only when listed.
        settings["DocSign:Outbound:Allow:0"] = "127.0.0.1:18780-18782";
        // Many demo users sign in from one (test) address within a minute; sign-in limits have their own tests.
        settings["DocSign:Auth:TokenRequestsPerMinute"] = "10000";
        // Every test request comes from one address here; the per-address throttle is tested in Security/.
        settings["DocSign:Auth:FailuresPerAddress"] = "10000";
        settings["DocSign:Auth:VerifyPerMinute"] = "10000";
        settings["DocSign:Auth:VerifyConcurrent"] = "100";
        settings["DocSign:DataProtection:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        // Refusals are logged at Information by design; keep the test console for real trouble.
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:DocSign"] = "Warning";
        // The concurrency tests provoke unique-key violations on purpose; EF logs each as an error.
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None";
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Update"] = "None";
        Adjust(settings);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Demo");   // the sample PKI and demo data run only in Demo or Development
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureServices(ConfigureServices);
        });
        if (OnKestrel)
        {
            _factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
            _factory.StartServer();
            var addresses = _factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            KestrelAddress = new Uri(addresses.First());
        }
        else
            _ = _factory.Server; // start now, so a broken configuration fails the fixture, not the first test
    }

    public virtual async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    public HttpClient Anonymous() => _factory.CreateClient();

    public WebApplicationFactory<Program> Factory => _factory;

    public async Task<HttpClient> As(string userName)
    {
        if (!_tokens.TryGetValue(userName, out var token))
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = userName, password = "docsign-demo" });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
            _tokens[userName] = token;
        }
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>What is stored: rows and objects, to prove that a refused call stored nothing.</summary>
    public async Task<(int Documents, int Versions, int Objects)> CountStoredAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var objects = 0;
        await foreach (var _ in scope.ServiceProvider.GetRequiredService<IObjectStore>().ListAsync("documents/")) objects++;
        return (await db.Documents.CountAsync(), await db.DocumentVersions.CountAsync(), objects);
    }

    private sealed record TokenBody(string Token);
}

public sealed class SqliteFileSystemApi : ApiFixture
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["DocSign:Database:Provider"] = "Sqlite",
        ["DocSign:Storage:Kind"] = "FileSystem",
    });
}

public sealed class PostgresS3Api : ApiFixture
{
    private PostgresDatabase _database = null!;
    public S3rverServer S3 { get; private set; } = null!;

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        _database = await PostgresDatabase.CreateAsync("api");
        S3 = await S3rverServer.StartAsync();
        return new Dictionary<string, string?>
        {
            ["DocSign:Database:Provider"] = "Postgres",
            ["ConnectionStrings:DocSign"] = _database.ConnectionString,
            ["DocSign:Storage:Kind"] = "S3",
            ["DocSign:Storage:S3:ServiceUrl"] = S3.ServiceUrl,
            ["DocSign:Storage:S3:AccessKey"] = S3rverServer.AccessKey,
            ["DocSign:Storage:S3:SecretKey"] = S3rverServer.SecretKey,
            ["DocSign:Storage:S3:Bucket"] = "docsign-api",
            ["DocSign:Storage:S3:Timeout"] = "00:00:05",
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await S3.DisposeAsync();
        await _database.DisposeAsync();
    }
}
