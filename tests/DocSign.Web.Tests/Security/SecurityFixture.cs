using System.Net;
using System.Net.Http.Json;
using DocSign.Web.Tests.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Security;

/// <summary>
/// The real host on SQLite with the demo data, where each test request may say which client address it comes
/// from (header <see cref="ClientHeader"/>, honoured only by this test fixture's startup filter), so that
/// per-address limits can be tested without a network of machines.
/// </summary>
public class SecurityFixture : ApiFixture
{
    public const string ClientHeader = "X-Test-Client-Address";

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["DocSign:Database:Provider"] = "Sqlite",
        ["DocSign:Storage:Kind"] = "FileSystem",
    });

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        // The sign-in limits as shipped (ApiFixture relaxes them for the API contract tests).
        settings.Remove("DocSign:Auth:TokenRequestsPerMinute");
        settings.Remove("DocSign:Auth:FailuresPerAddress");
        settings["DocSign:Audit:Seal:Directory"] = DocSign.Testing.Pki.SamplePki.Dir;
        settings["DocSign:Audit:Seal:Passphrase"] = DocSign.Testing.Pki.SamplePki.Passphrase;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

    public HttpClient From(string address)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    public async Task<HttpResponseMessage> SignInAsync(string user, string password, string address = "192.0.2.1")
    {
        using var client = From(address);
        return await client.PostAsJsonAsync("/api/auth/token", new { username = user, password });
    }

    /// <summary>The antiforgery token of the form on <paramref name="html"/>.</summary>
    public static string FormToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>A browser signed in on the Masuk page (cookies kept, redirects not followed), from <paramref name="address"/>.</summary>
    public async Task<HttpClient> BrowserAsync(string user, string address)
    {
        var browser = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Add(ClientHeader, address);
        var signIn = await browser.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["namaPengguna"] = user, ["kataSandi"] = "docsign-demo", ["__RequestVerificationToken"] = FormToken(await browser.GetStringAsync("/masuk")),
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{user} could not sign in on the Masuk page: {signIn.StatusCode}");
        return browser;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var value) && IPAddress.TryParse(value, out var address))
                    context.Connection.RemoteIpAddress = address;
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
