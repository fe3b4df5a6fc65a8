using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Harness;

/// <summary>
/// One person at one browser: a context with its own cookies and one page. Collects what the browser
/// reported as errors (a script failure or a Content-Security-Policy violation is a test failure) and names
/// screenshots <c>&lt;scenario&gt;-&lt;nn&gt;-&lt;name&gt;.png</c> in <see cref="DocSignServer.ArtifactsDirectory"/>.
/// </summary>
public sealed class UiSession : IAsyncDisposable
{
    private readonly List<string> _browserErrors = [];
    private int _shots;

    internal UiSession(DocSignServer server, IBrowserContext context, IPage page, string scenario)
    {
        Server = server;
        Context = context;
        Page = page;
        Scenario = scenario;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_browserErrors) _browserErrors.Add(message.Text);
        };
        page.PageError += (_, error) => { lock (_browserErrors) _browserErrors.Add(error); };
    }

    public DocSignServer Server { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public string Scenario { get; }

    /// <summary>Errors the page logged, except the 4xx answers a test provoked on purpose.</summary>
    public IReadOnlyList<string> BrowserErrors
    {
        get { lock (_browserErrors) return _browserErrors.Where(e => !e.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal)).ToList(); }
    }

    /// <summary>Opens the sign-in page.</summary>
    public async Task<MasukPage> OpenMasukAsync()
    {
        var masuk = new MasukPage(this);
        await masuk.GotoAsync();
        return masuk;
    }

    /// <summary>Signs in as a demo user (<c>&lt;role&gt;.&lt;office&gt;</c>) and lands on the dashboard.</summary>
    public async Task<DashboardPage> SignInAsAsync(string userName, string password = DocSignServer.DemoPassword)
    {
        var masuk = await OpenMasukAsync();
        return await masuk.SignInAsync(userName, password);
    }

    /// <summary>A full-page screenshot; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var file = Path.Combine(DocSignServer.ArtifactsDirectory, $"{Safe(Scenario)}-{++_shots:00}-{Safe(name)}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private static string Safe(string text) =>
        new string(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '-').ToArray());
}
