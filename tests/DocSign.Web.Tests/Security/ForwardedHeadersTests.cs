using System.Net;
using System.Net.Http.Json;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Security;

/// <summary>DocSign behind a reverse proxy at 192.0.2.50 (configured), with clients behind it.</summary>
public sealed class BehindProxyFixture : SecurityFixture
{
    public const string Proxy = "192.0.2.50";

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        base.Adjust(settings);
        settings["DocSign:Network:TrustedProxies:0"] = Proxy;
    }
}

/// <summary>
/// Behind a proxy the per-address sign-in throttle must fall on the real client, not on the proxy (else one attacker
/// throttles every office at once), and a client that is not the proxy cannot pick its address with the header.
/// </summary>
public sealed class ForwardedHeadersTests(BehindProxyFixture app) : IClassFixture<BehindProxyFixture>
{
    // Each test guesses at its own account: wrong passwords for one account from anywhere add up (for new places).
    private async Task<HttpStatusCode> SignInAsync(string connectionFrom, string? forwardedFor, string user = "staf.lumajang", string password = "salah-salah-salah")
    {
        using var client = app.From(connectionFrom);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = JsonContent.Create(new { username = user, password }) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task The_throttle_counts_the_client_behind_the_trusted_proxy_not_the_proxy()
    {
        for (var i = 0; i < 5; i++) (await SignInAsync(BehindProxyFixture.Proxy, "203.0.113.61")).ShouldBe(HttpStatusCode.Unauthorized);
        (await SignInAsync(BehindProxyFixture.Proxy, "203.0.113.61")).ShouldBe(HttpStatusCode.TooManyRequests);
        // Another client through the same proxy is not affected.
        (await SignInAsync(BehindProxyFixture.Proxy, "203.0.113.62")).ShouldBe(HttpStatusCode.Unauthorized);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        (await db.AuditEntries.CountAsync(e => e.Action == "auth.sign-in-failed" && e.ClientAddress == "203.0.113.61")).ShouldBe(6);
        (await db.AuditEntries.CountAsync(e => e.Action == "auth.sign-in-failed" && e.ClientAddress == BehindProxyFixture.Proxy)).ShouldBe(0);
    }

    [Fact]
    public async Task A_client_that_is_not_the_proxy_cannot_choose_its_address_with_the_header()
    {
        // Six failures from 198.51.100.70, each claiming a fresh address: the throttle still sees 198.51.100.70.
        for (var i = 0; i < 5; i++) (await SignInAsync("198.51.100.70", $"203.0.113.{70 + i}", "staf.candipuro")).ShouldBe(HttpStatusCode.Unauthorized);
        (await SignInAsync("198.51.100.70", "203.0.113.99", "staf.candipuro")).ShouldBe(HttpStatusCode.TooManyRequests);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        (await db.AuditEntries.CountAsync(e => e.ClientAddress!.StartsWith("203.0.113.7"))).ShouldBe(0);
    }
}
