using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Security;

/// <summary>
/// Every cookie and token names a session the server keeps: a copy of the cookie taken before logout, a password
/// change or an admin lock is refused after it; a browser session ends after its absolute lifetime however busy it
/// is; the owner sees his sessions and ends any of them.
/// </summary>
public sealed class ServerSessionTests(LoopbackFixture app) : IClassFixture<LoopbackFixture>
{
    private const string Demo = LoopbackFixture.DemoPassword;

    /// <summary>Signs <paramref name="user"/> in in a browser on 127.0.0.1 and takes a copy of its cookie, as a thief would.</summary>
    private async Task<(HttpClient Browser, string CopiedCookie)> SignedInBrowserAsync(string user, string password = Demo)
    {
        var cookies = new CookieContainer();
        var browser = app.FromLoopback(1, cookies);
        await LoopbackFixture.SignInBrowserAsync(browser, user, password);
        var copied = app.SessionCookie(cookies);
        // The copy works while the session lives: from another machine too.
        using var thief = app.WithCopiedCookie(66, copied);
        (await thief.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (browser, copied);
    }

    private async Task ShouldBeRefusedAsync(string copiedCookie)
    {
        using var thief = app.WithCopiedCookie(66, copiedCookie);
        (await thief.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await thief.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await thief.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new Uri(app.KestrelAddress!, page.Headers.Location!).AbsolutePath.ShouldBe("/masuk");
    }

    [Fact]
    public async Task A_cookie_copied_before_Keluar_is_refused_after_it()
    {
        var (browser, copied) = await SignedInBrowserAsync("staf.kanigaran");
        using (browser)
        {
            var token = await LoopbackFixture.FormTokenAsync(browser, "/keluar");
            var keluar = await browser.PostAsync("/keluar", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            keluar.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        await ShouldBeRefusedAsync(copied);
    }

    [Fact]
    public async Task A_cookie_copied_before_a_cookie_borne_api_logout_is_refused_after_it()
    {
        var (browser, copied) = await SignedInBrowserAsync("staf.candipuro");
        using (browser)
        {
            var token = await LoopbackFixture.FormTokenAsync(browser, "/keluar");
            using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
            logout.Headers.Add("X-CSRF-TOKEN", token);
            (await browser.SendAsync(logout)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await browser.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        await ShouldBeRefusedAsync(copied);
    }

    [Fact]
    public async Task A_cookie_copied_before_a_password_change_is_refused_after_it_and_so_are_the_tokens()
    {
        var (browser, copied) = await SignedInBrowserAsync("staf.lumajang");
        using var api = await app.BearerFromAsync(1, "staf.lumajang");
        using (browser)
        {
            var token = await LoopbackFixture.FormTokenAsync(browser, "/keluar");
            using var change = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password")
            {
                Content = JsonContent.Create(new { currentPassword = Demo, newPassword = "jembatan-merah-putih-7" }),
            };
            change.Headers.Add("X-CSRF-TOKEN", token);
            var changed = await browser.SendAsync(change);
            changed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await changed.Content.ReadAsStringAsync());
        }
        await ShouldBeRefusedAsync(copied);
        (await api.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.TokenFromAsync(1, "staf.lumajang", "jembatan-merah-putih-7")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cookie_copied_before_an_admin_lock_is_refused_after_it_even_once_unlocked()
    {
        var (browser, copied) = await SignedInBrowserAsync("kasi.lumajang");
        browser.Dispose();
        using var admin = await app.BearerFromAsync(1, "admin");
        (await admin.PostAsync("/api/admin/users/kasi.lumajang/lock", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeRefusedAsync(copied);
        (await admin.PostAsync("/api/admin/users/kasi.lumajang/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeRefusedAsync(copied);
        (await app.TokenFromAsync(1, "kasi.lumajang", Demo)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_browser_session_ends_at_its_absolute_lifetime_however_busy_and_after_an_hour_idle()
    {
        var cookies = new CookieContainer();
        using var browser = app.FromLoopback(1, cookies);
        await LoopbackFixture.SignInBrowserAsync(browser, "auditor.kanigaran");
        // Busy all day: a request every 50 minutes keeps it alive up to 12 hours after sign-in...
        for (var elapsed = TimeSpan.FromMinutes(50); elapsed < TimeSpan.FromHours(12); elapsed += TimeSpan.FromMinutes(50))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(50));
            (await browser.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK, $"{elapsed} after sign-in");
        }
        // ... and not beyond (11 h 40 min so far).
        app.Clock.Advance(TimeSpan.FromMinutes(25));
        (await browser.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Idle: an hour without a request ends it too.
        using var idle = app.FromLoopback(1, new CookieContainer());
        await LoopbackFixture.SignInBrowserAsync(idle, "auditor.candipuro");
        app.Clock.Advance(TimeSpan.FromMinutes(59));
        (await idle.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        (await idle.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_owner_sees_his_sessions_on_the_Sesi_page_and_ends_one_there_and_a_token_through_the_api()
    {
        const string user = "sekcam.pronojiwo";
        var (browser, _) = await SignedInBrowserAsync(user);
        using var other = await app.BearerFromAsync(2, user);
        using var third = await app.BearerFromAsync(3, user);
        using (browser)
        {
            var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/sesi"));
            html.ShouldContain("Sesi aktif");
            html.ShouldContain("Peramban (sesi ini)");
            html.ShouldContain("127.0.0.2");
            html.ShouldContain("Token API");
            html.ShouldContain("Akhiri sesi ini");

            var sessions = await other.GetFromJsonAsync<JsonElement>("/api/auth/sessions");
            sessions.GetArrayLength().ShouldBe(3);
            var tokenOn2 = sessions.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString()!;
            var tokenOn3 = sessions.EnumerateArray().Single(s => s.GetProperty("address").GetString() == "127.0.0.3").GetProperty("id").GetString()!;

            // "Akhiri sesi ini" on the page, for the token used from 127.0.0.2.
            var form = await LoopbackFixture.FormTokenAsync(browser, "/sesi");
            var ended = await browser.PostAsync("/sesi?handler=Akhiri", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["id"] = tokenOn2, ["__RequestVerificationToken"] = form,
            }));
            ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await other.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await browser.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK);

            // Through the API, with the token itself: the one on 127.0.0.3 ends; someone else's session cannot be named.
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/auth/sessions/{tokenOn3}");
            request.Headers.Authorization = third.DefaultRequestHeaders.Authorization;
            (await third.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await third.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            using var stranger = await app.BearerFromAsync(1, "staf.pronojiwo");
            (await stranger.DeleteAsync($"/api/auth/sessions/{(await SessionIdOfBrowserAsync(user))}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await browser.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    private async Task<string> SessionIdOfBrowserAsync(string user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var userId = await db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync();
        return await db.Set<DocSign.Infrastructure.Security.AuthSession>()
            .Where(s => s.UserId == userId && s.Kind == "browser" && s.EndedAtUnixMs == null).Select(s => s.Id).FirstAsync();
    }
}
