using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Security;

/// <summary>
/// The lock-out scripts of issue 17, from real client addresses on loopback: strangers typing wrong passwords for the
/// Camat from 127.0.0.2… are slowed down themselves, while the Camat keeps his live sessions and signs in from the
/// address (127.0.0.1) and the browser he used before; the admin sees the attack and the Camat is told.
/// </summary>
public sealed class LockOutScriptTests(LoopbackFixture app) : IClassFixture<LoopbackFixture>
{
    private const string Wrong = "salah-salah-salah";

    private async Task<bool> IsLockedOutAsync(string user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DocSignUser>>();
        return await users.IsLockedOutAsync((await users.FindByNameAsync(user))!);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    /// <summary>The Camat at his usual place: a browser and an API client on 127.0.0.1, both signed in and live.</summary>
    private async Task<(CookieContainer Cookies, HttpClient Browser, HttpClient Api)> AtHisUsualPlaceAsync(string camat)
    {
        var cookies = new CookieContainer();
        var browser = app.FromLoopback(1, cookies);
        await LoopbackFixture.SignInBrowserAsync(browser, camat);
        return (cookies, browser, await app.BearerFromAsync(1, camat));
    }

    [Fact]
    public async Task Five_wrong_passwords_from_each_of_two_addresses_leave_the_Camat_in_and_able_to_sign_in_from_his_usual_address()
    {
        const string camat = "camat.candipuro";
        var (_, browser, api) = await AtHisUsualPlaceAsync(camat);
        using var _browser = browser;
        using var _api = api;

        foreach (var octet in new[] { 2, 3 })
        {
            for (var i = 0; i < 5; i++) (await app.TokenFromAsync(octet, camat, Wrong)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            // The guesser's sixth try waits, and is told why: this account from his address.
            var sixth = await app.TokenFromAsync(octet, camat, Wrong);
            sixth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            (await DetailAsync(sixth)).ShouldContain("untuk akun ini dari alamat jaringan Anda");
            sixth.Headers.RetryAfter.ShouldNotBeNull();
        }

        (await IsLockedOutAsync(camat)).ShouldBeFalse();
        (await browser.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK, "his browser session is still live");
        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK, "his token is still live");
        (await app.TokenFromAsync(1, camat, LoopbackFixture.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var again = app.FromLoopback(1, new CookieContainer());
        await LoopbackFixture.SignInBrowserAsync(again, camat);
    }

    [Fact]
    public async Task Thirty_wrong_passwords_from_six_addresses_leave_the_Camat_in_the_admin_sees_the_attack_and_the_Camat_is_told()
    {
        const string camat = "camat.kanigaran";
        var (cookies, browser, api) = await AtHisUsualPlaceAsync(camat);
        using var _browser = browser;
        using var _api = api;

        // Five wrong passwords from each of six addresses. The first two addresses get their five tries each; by then
        // the account has ten failures, and the other four addresses, where it never signed in, are held back at once.
        var answers = new Dictionary<int, List<(HttpStatusCode Status, string Detail)>>();
        for (var octet = 2; octet <= 7; octet++)
        {
            answers[octet] = [];
            for (var i = 0; i < 5; i++)
            {
                var response = await app.TokenFromAsync(octet, camat, Wrong);
                answers[octet].Add((response.StatusCode, await DetailAsync(response)));
            }
        }
        answers[2].Concat(answers[3]).ShouldAllBe(a => a.Status == HttpStatusCode.Unauthorized);
        foreach (var octet in new[] { 4, 5, 6, 7 })
            answers[octet].ShouldAllBe(a => a.Status == HttpStatusCode.TooManyRequests && a.Detail.Contains("dari tempat lain"));
        // A guesser's sixth try, even with the right password, waits: it is his (account, address) pair that is slowed.
        (await app.TokenFromAsync(2, camat, Wrong)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var right = await app.TokenFromAsync(2, camat, LoopbackFixture.DemoPassword);
        right.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await DetailAsync(right)).ShouldContain("untuk akun ini dari alamat jaringan Anda");
        // From a place the account never signed in from, sign-ins wait while it is under attack, and are told why.
        var newPlace = await app.TokenFromAsync(8, camat, LoopbackFixture.DemoPassword);
        newPlace.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await DetailAsync(newPlace)).ShouldContain("sedang menerima banyak percobaan masuk yang salah dari tempat lain");

        (await IsLockedOutAsync(camat)).ShouldBeFalse();
        (await browser.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK, "his browser session is still live");
        (await api.GetAsync("/api/me/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK, "his token is still live");

        // The admin sees the account under attack: in the API, and in the audit trail (every refusal, and the attack once).
        using (var admin = await app.BearerFromAsync(1, "admin"))
        {
            var alerts = await admin.GetFromJsonAsync<JsonElement>("/api/admin/sign-in-alerts");
            var alert = alerts.EnumerateArray().Single(a => a.GetProperty("userName").GetString() == camat);
            // 30 from the script, 3 more since: every failed attempt counts, held back or not.
            alert.GetProperty("failures").GetInt32().ShouldBe(33);
            alert.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()).Order()
                .ShouldBe(Enumerable.Range(2, 7).Select(o => $"127.0.0.{o}"));
        }
        // ... and on his page, in a browser.
        using (var adminBrowser = app.FromLoopback(1, new CookieContainer()))
        {
            await LoopbackFixture.SignInBrowserAsync(adminBrowser, "admin");
            var page = WebUtility.HtmlDecode(await adminBrowser.GetStringAsync("/percobaan-masuk"));
            page.ShouldContain($"<tr data-pengguna=\"{camat}\">");
            page.ShouldContain("127.0.0.2, 127.0.0.3");
            // Reached from the admin's Pengaturan hub (the menu's one link for every setting).
            page.ShouldContain("href=\"/pengaturan\"");
            WebUtility.HtmlDecode(await adminBrowser.GetStringAsync("/pengaturan")).ShouldContain("href=\"/percobaan-masuk\"");
        }
        using (var notAdmin = app.FromLoopback(1, new CookieContainer()))
        {
            await LoopbackFixture.SignInBrowserAsync(notAdmin, "staf.kanigaran");
            (await notAdmin.GetAsync("/percobaan-masuk")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            (await db.AuditEntries.CountAsync(e => e.Action == "auth.sign-in-failed" && e.ActorName == camat && e.Detail == "refused")).ShouldBe(10);
            (await db.AuditEntries.CountAsync(e => e.Action == "auth.sign-in-failed" && e.ActorName == camat
                                                   && e.Detail == "throttled: account from new places")).ShouldBe(21);
            (await db.AuditEntries.CountAsync(e => e.Action == "auth.sign-in-failed" && e.ActorName == camat
                                                   && e.Detail == "throttled: account from this address")).ShouldBe(2);
            (await db.AuditEntries.CountAsync(e => e.Action == "auth.sign-in-attack" && e.ActorName == camat)).ShouldBe(1);
        }

        // His own browser, now on another network (127.0.0.9), is known by its device cookie: not slowed, and the
        // page after sign-in tells him what happened.
        var deviceOnly = new CookieContainer();
        deviceOnly.Add(cookies.GetCookies(app.KestrelAddress!)[DocSign.Web.Auth.AuthSetup.DeviceCookieName]!);
        using var travelling = app.FromLoopback(9, deviceOnly);
        var signIn = await LoopbackFixture.MasukAsync(travelling, camat, LoopbackFixture.DemoPassword);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var next = WebUtility.HtmlDecode(await travelling.GetStringAsync(signIn.Headers.Location!.OriginalString));
        next.ShouldContain("data-pemberitahuan-masuk");
        next.ShouldContain("33 percobaan masuk yang gagal ke akun Anda");
        next.ShouldContain("dari 7 alamat jaringan");
        // Told once: the next sign-in from his usual address has nothing to report.
        var token = await app.TokenFromAsync(1, camat, LoopbackFixture.DemoPassword);
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notice").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task An_address_guessing_at_many_accounts_is_slowed_as_an_address_and_told_so()
    {
        // 20 wrong passwords for 5 accounts (4 each, under the per-account limit) from one address.
        var accounts = new[] { "staf.lumajang", "kasi.lumajang", "sekcam.lumajang", "staf.pronojiwo", "kasi.candipuro" };
        foreach (var account in accounts)
            for (var i = 0; i < 4; i++) (await app.TokenFromAsync(20, account, Wrong)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var next = await app.TokenFromAsync(20, "auditor.lumajang", Wrong);
        next.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await DetailAsync(next)).ShouldContain("dari alamat jaringan Anda (untuk beberapa akun)");
        // Another address is not affected.
        (await app.TokenFromAsync(21, "auditor.lumajang", Wrong)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
