using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocSign.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Security;

/// <summary>
/// DocSign on real Kestrel on 127.0.0.1, with clients whose sockets are bound to other loopback addresses
/// (127.0.0.2, 127.0.0.3, …): the server sees each client's own address exactly as it would on a network, no header
/// involved. The domain clock is a <see cref="FakeClock"/> the tests move by hand (session lifetimes).
/// </summary>
public sealed class LoopbackFixture : SecurityFixture
{
    public const string DemoPassword = "docsign-demo";

    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override bool OnKestrel => true;

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<TimeProvider>(Clock);
    }

    /// <summary>A client connecting from 127.0.0.<paramref name="lastOctet"/>; with <paramref name="cookies"/>, a browser keeping them. Never follows redirects.</summary>
    public HttpClient FromLoopback(int lastOctet, CookieContainer? cookies = null)
    {
        var local = new IPAddress([127, 0, 0, (byte)lastOctet]);
        var handler = new SocketsHttpHandler
        {
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = KestrelAddress };
    }

    /// <summary><c>POST /api/auth/token</c> from 127.0.0.<paramref name="lastOctet"/>.</summary>
    public async Task<HttpResponseMessage> TokenFromAsync(int lastOctet, string user, string password)
    {
        using var client = FromLoopback(lastOctet);
        return await client.PostAsJsonAsync("/api/auth/token", new { username = user, password });
    }

    /// <summary>A bearer client from 127.0.0.<paramref name="lastOctet"/> for a fresh token.</summary>
    public async Task<HttpClient> BearerFromAsync(int lastOctet, string user, string password = DemoPassword)
    {
        var response = await TokenFromAsync(lastOctet, user, password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var client = FromLoopback(lastOctet);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>The antiforgery token of the form on <paramref name="path"/> (the browser keeps the matching cookie).</summary>
    public static async Task<string> FormTokenAsync(HttpClient browser, string path)
    {
        var html = await browser.GetStringAsync(path);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeNullOrEmpty($"the form on {path} carries an antiforgery token");
        return token;
    }

    /// <summary>Posts the Masuk form as a browser does.</summary>
    public static async Task<HttpResponseMessage> MasukAsync(HttpClient browser, string user, string password)
    {
        var token = await FormTokenAsync(browser, "/masuk");
        return await browser.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["namaPengguna"] = user, ["kataSandi"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Signs in on the Masuk page; the browser then holds the session cookie (and the device cookie).</summary>
    public static async Task SignInBrowserAsync(HttpClient browser, string user, string password = DemoPassword)
    {
        var response = await MasukAsync(browser, user, password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of the browser's session cookie, as someone copying it would take it.</summary>
    public string SessionCookie(CookieContainer cookies) =>
        cookies.GetCookies(KestrelAddress!)[DocSign.Web.Auth.AuthSetup.CookieName]?.Value
        ?? throw new InvalidOperationException("no session cookie");

    /// <summary>A client from 127.0.0.<paramref name="lastOctet"/> that sends only the copied session cookie.</summary>
    public HttpClient WithCopiedCookie(int lastOctet, string cookieValue)
    {
        var client = FromLoopback(lastOctet);
        client.DefaultRequestHeaders.Add("Cookie", $"{DocSign.Web.Auth.AuthSetup.CookieName}={cookieValue}");
        return client;
    }
}
