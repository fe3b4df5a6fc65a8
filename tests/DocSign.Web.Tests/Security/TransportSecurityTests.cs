using System.Net;
using System.Text.RegularExpressions;
using DocSign.Web.Auth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DocSign.Web.Tests.Security;

/// <summary>DocSign whose public address is https (TLS ends at a proxy in front, or at Kestrel).</summary>
public sealed class HttpsPublicFixture : SecurityFixture
{
    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        settings["DocSign:PublicBaseUrl"] = "https://docsign.contoh.invalid";
    }
}

/// <summary>What a sign-in through the Masuk page answers: every Set-Cookie line, and the headers.</summary>
internal static class MasukOverTheWire
{
    public sealed record Answer(IReadOnlyList<string> SetCookies, HttpResponseMessage Page, HttpResponseMessage SignIn);

    /// <param name="prepare">Adds what the client's connection says (its address, a proxy's headers) to each request.</param>
    public static async Task<Answer> SignInAsync(WebApplicationFactory<Program> factory, Action<HttpRequestMessage> prepare)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var get = new HttpRequestMessage(HttpMethod.Get, "/masuk");
        prepare(get);
        var page = await client.SendAsync(get);
        var pageCookies = page.Headers.TryGetValues("Set-Cookie", out var c) ? c.ToList() : [];
        var html = await page.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/masuk")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["namaPengguna"] = "staf.kanigaran", ["kataSandi"] = "docsign-demo", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", pageCookies.Select(s => s.Split(';')[0])));
        prepare(post);
        var signIn = await client.SendAsync(post);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
        var all = pageCookies.Concat(signIn.Headers.TryGetValues("Set-Cookie", out var s2) ? s2 : []).ToList();
        return new(all, page, signIn);
    }

    public static string CookieLine(this Answer answer, string name) => answer.SetCookies.Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    public static bool IsSecure(string setCookie) => setCookie.Split(';').Any(p => p.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Cookies are Secure and HSTS is sent when DocSign is reached over HTTPS: by its configured public address or as a trusted proxy says.</summary>
public sealed class HttpsPublicAddressTests(HttpsPublicFixture app) : IClassFixture<HttpsPublicFixture>
{
    [Fact]
    public async Task With_an_https_public_address_every_cookie_is_Secure_and_answers_carry_HSTS()
    {
        var answer = await MasukOverTheWire.SignInAsync(app.Factory, r => r.Headers.Add(SecurityFixture.ClientHeader, "192.0.2.80"));
        foreach (var name in new[] { AuthSetup.CookieName, AuthSetup.DeviceCookieName, "docsign_af" })
            MasukOverTheWire.IsSecure(answer.CookieLine(name)).ShouldBeTrue(name);
        answer.Page.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
        answer.SignIn.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
        using var api = app.Anonymous();
        (await api.GetAsync("/health")).Headers.Contains("Strict-Transport-Security").ShouldBeTrue();
    }
}

public sealed class PlainHttpTests(SecurityFixture app) : IClassFixture<SecurityFixture>
{
    [Fact]
    public async Task With_an_http_public_address_and_no_proxy_saying_https_cookies_follow_the_request_and_there_is_no_HSTS()
    {
        var answer = await MasukOverTheWire.SignInAsync(app.Factory, r => r.Headers.Add(SecurityFixture.ClientHeader, "192.0.2.81"));
        MasukOverTheWire.IsSecure(answer.CookieLine(AuthSetup.CookieName)).ShouldBeFalse();
        answer.CookieLine(AuthSetup.CookieName).ShouldContain("httponly", Case.Insensitive);
        answer.CookieLine(AuthSetup.CookieName).ShouldContain("samesite=strict", Case.Insensitive);
        answer.Page.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }
}

public sealed class ProxySaysHttpsTests(BehindProxyFixture app) : IClassFixture<BehindProxyFixture>
{
    [Fact]
    public async Task The_trusted_proxy_saying_https_makes_cookies_Secure_and_sends_HSTS()
    {
        var answer = await MasukOverTheWire.SignInAsync(app.Factory, r =>
        {
            r.Headers.Add(SecurityFixture.ClientHeader, BehindProxyFixture.Proxy);
            r.Headers.Add("X-Forwarded-For", "203.0.113.90");
            r.Headers.Add("X-Forwarded-Proto", "https");
        });
        MasukOverTheWire.IsSecure(answer.CookieLine(AuthSetup.CookieName)).ShouldBeTrue();
        MasukOverTheWire.IsSecure(answer.CookieLine(AuthSetup.DeviceCookieName)).ShouldBeTrue();
        answer.SignIn.Headers.Contains("Strict-Transport-Security").ShouldBeTrue();
    }

    [Fact]
    public async Task A_client_that_is_not_the_proxy_cannot_claim_https()
    {
        var answer = await MasukOverTheWire.SignInAsync(app.Factory, r =>
        {
            r.Headers.Add(SecurityFixture.ClientHeader, "198.51.100.90");
            r.Headers.Add("X-Forwarded-Proto", "https");
        });
        MasukOverTheWire.IsSecure(answer.CookieLine(AuthSetup.CookieName)).ShouldBeFalse();
        answer.SignIn.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }
}
