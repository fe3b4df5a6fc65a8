using System.Net;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Ui.Tests.Harness;

/// <summary>
/// One real DocSign (the production Program on Kestrel, on a free loopback port: a browser needs a socket)
/// with a temporary data folder, SQLite, the demo offices and users and the sample PKI, plus one headless
/// Debian chromium driven by Playwright. Shared by every browser test in <see cref="BrowserCollection"/>;
/// each test opens its own <see cref="UiSession"/> (a fresh browser context: no cookies shared).
/// </summary>
public class DocSignServer : IAsyncLifetime
{
    public const string DemoPassword = "docsign-demo";

    /// <summary>Small enough to test the limit, large enough for the sample PDFs.</summary>
    public const long MaxUploadBytes = 5_000_000;

    private WebApplicationFactory<Program> _factory = null!;
    private readonly string _dataDirectory = TestEnvironment.NewTempDirectory("ui");

    public string BaseUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public IServiceProvider Services => _factory.Services;

    /// <summary>The server's data folder (its file-system object store lives under <c>objects/blobs</c>).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>Where screenshots go: <c>$DOCSIGN_TEST_ARTIFACTS</c>, else <c>screenshots/</c> beside the test assembly.</summary>
    public static string ArtifactsDirectory { get; } = CreateArtifactsDirectory();

    public async Task InitializeAsync()
    {
        // The port is chosen before start: the QR code on a stamp names the public page on this very server.
        var port = TestEnvironment.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["DocSign:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["DocSign:Signing:TsaUrl"] = SamplePki.TsaUrl.ToString(),
            ["DocSign:Letters:Signing:TsaUrl"] = SamplePki.TsaUrl.ToString(),
            ["DocSign:DataDirectory"] = _dataDirectory,
            ["DocSign:Database:Provider"] = "Sqlite",
            ["DocSign:Storage:Kind"] = "FileSystem",
            ["DocSign:Demo:Enabled"] = "true",
            ["DocSign:Upload:MaxBytes"] = MaxUploadBytes.ToString(),
            ["DocSign:Jobs:SchedulerName"] = $"ui-{Guid.NewGuid():N}",
            // As scripts/run.sh: the sample PKI (demo Camats' keys, the trusted sample root, its OCSP/CRL/TSA on loopback).
            ["DocSign:SamplePkiDirectory"] = SamplePki.Dir,
            ["DocSign:Verification:TrustAnchors:0"] = SamplePki.PathOf("root-ca.pem"),
            // The explicit demo opt-in: trust the sample root and let revocation checks reach its services on loopback.
            ["DocSign:Verification:TrustSamplePki"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:DocSign"] = "Warning",
        };
        foreach (var (key, value) in await ExtraSettingsAsync()) settings[key] = value;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Demo");   // the sample PKI and demo data run only in Demo or Development
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        _factory = factory;
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // The test tool cannot download its own browser here: Debian's chromium, never `playwright install`.
            ExecutablePath = Environment.GetEnvironmentVariable("DOCSIGN_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        await DisposeExtrasAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Settings a derived server adds or overrides (e.g. a BSrE emulator's address), read before the host starts.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> ExtraSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    /// <summary>Stops what <see cref="ExtraSettingsAsync"/> started.</summary>
    protected virtual Task DisposeExtrasAsync() => Task.CompletedTask;

    /// <summary>A fresh browser context (own cookies) in Indonesian and WIB, with one page.</summary>
    /// <param name="scenario">Names the screenshots of this session.</param>
    /// <param name="width">Viewport width in CSS pixels (390 for a phone).</param>
    /// <param name="height">Viewport height in CSS pixels.</param>
    public async Task<UiSession> NewSessionAsync(string scenario, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        return new UiSession(this, context, page, scenario);
    }

    private static string CreateArtifactsDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("DOCSIGN_TEST_ARTIFACTS");
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "screenshots")
            : Path.Combine(configured, "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>Every browser test shares one server and one browser (starting chromium costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DocSignServer>
{
    public const string Name = "browser";
}
