using System.Net.Http.Headers;
using System.Net.Http.Json;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Letters;

/// <summary>
/// One DocSign host (the real Program) for the letter tests: SQLite in its own data folder, or a given PostgreSQL
/// database (two hosts on one database share it, as two instances would), optionally on a fake clock.
/// </summary>
public sealed class LetterHost : IAsyncDisposable
{
    private readonly Dictionary<string, string> _tokens = new();
    private readonly WebApplicationFactory<Program> _factory;

    public string DataDirectory { get; }

    private LetterHost(WebApplicationFactory<Program> factory, string dataDirectory)
    {
        _factory = factory;
        DataDirectory = dataDirectory;
    }

    public IServiceProvider Services => _factory.Services;

    /// <param name="postgres">A PostgreSQL connection string, or null for SQLite in the host's own folder.</param>
    /// <param name="clock">A fake clock for the whole host, or null for the real one.</param>
    /// <param name="schedulerName">Hosts that share a database and should share jobs pass the same name.</param>
    /// <param name="extra">More settings.</param>
    public static LetterHost Start(string? postgres = null, TimeProvider? clock = null, string? schedulerName = null, IDictionary<string, string?>? extra = null, string? dataDirectory = null)
    {
        var data = dataDirectory ?? TestEnvironment.NewTempDirectory("letters");
        var settings = new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = data,
            ["DocSign:Demo:Enabled"] = "true",
            ["DocSign:Jobs:SchedulerName"] = schedulerName ?? $"letters-{Guid.NewGuid():N}",
            ["DocSign:SamplePkiDirectory"] = SamplePki.Dir,
            ["DocSign:Verification:TrustAnchors:0"] = SamplePki.PathOf("root-ca.pem"),
            ["DocSign:Outbound:Allow:0"] = "127.0.0.1:18780-18782",   // the sample PKI's OCSP/CRL/TSA on loopback
            ["DocSign:Letters:DailyReservationsPerUser"] = "0",   // the numbering tests take hundreds of numbers a day (the cap has its own test)
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Update"] = "None",
        };
        if (postgres is not null)
        {
            settings["DocSign:Database:Provider"] = "Postgres";
            settings["ConnectionStrings:DocSign"] = postgres;
        }
        if (extra is not null) foreach (var (k, v) in extra) settings[k] = v;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Demo");   // the sample PKI and demo data run only in Demo or Development
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            if (clock is not null) b.ConfigureTestServices(s => s.AddSingleton(clock));
        });
        _ = factory.Server;
        return new LetterHost(factory, data);
    }

    public async Task<HttpClient> As(string userName)
    {
        if (!_tokens.TryGetValue(userName, out var token))
        {
            token = await TokenAsync(userName);
            _tokens[userName] = token;
        }
        return WithToken(token);
    }

    public async Task<string> TokenAsync(string userName)
    {
        using var anonymous = _factory.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = userName, password = "docsign-demo" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
    }

    public HttpClient WithToken(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private sealed record TokenBody(string Token);
}
