using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DocSign.Core.Offices;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Web.Tests.Security;

/// <summary>Sign-in: short tokens bound to the account's security stamp and a server-side session, logout, throttling, one answer for every refusal.</summary>
public sealed class SignInTests(SecurityFixture app) : IClassFixture<SecurityFixture>
{
    private const string Password = "kata-sandi-uji-1";

    private async Task<string> NewUserAsync()
    {
        var name = $"uji.{Guid.NewGuid():N}"[..20];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DocSignUser>>();
        var user = new DocSignUser { UserName = name, DisplayName = "Pengguna Uji", LockoutEnabled = true };
        (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        db.Memberships.Add(new Membership(user.Id, "kanigaran", OfficeRole.Staf));
        await db.SaveChangesAsync();
        return name;
    }

    private async Task<string> TokenAsync(string user, string password = Password, string address = "192.0.2.10")
    {
        var response = await app.SignInAsync(user, password, address);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private HttpClient With(string token)
    {
        var client = app.From("192.0.2.10");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_token_lives_about_an_hour()
    {
        var user = await NewUserAsync();
        var response = await app.SignInAsync(user, Password, "192.0.2.11");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var expires = body.GetProperty("expiresAt").GetDateTimeOffset();
        (expires - DateTimeOffset.UtcNow).ShouldBeInRange(TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task An_old_token_is_refused_after_a_password_change()
    {
        var user = await NewUserAsync();
        var token = await TokenAsync(user);
        using var client = With(token);
        (await client.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var change = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = "kata-sandi-baru-2" });
        change.StatusCode.ShouldBe(HttpStatusCode.NoContent, await change.Content.ReadAsStringAsync());

        (await client.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var fresh = With(await TokenAsync(user, "kata-sandi-baru-2"));
        (await fresh.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("pendek-11ch", "paling sedikit 12 karakter")]
    [InlineData("aaaaaaaaaaaa", "karakter yang berbeda")]
    [InlineData("password1234", "sering dipakai")]
    [InlineData("{user}-rahasia", "nama pengguna")]
    public async Task A_weak_new_password_is_refused_saying_what_to_change_and_nothing_changes(string newPassword, string says)
    {
        var user = await NewUserAsync();
        using var client = With(await TokenAsync(user));
        var change = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = newPassword.Replace("{user}", user) });
        change.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await change.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(says);
        // Nothing changed: the session lives on and the old password still opens the account.
        (await client.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await TokenAsync(user);
    }

    [Fact]
    public async Task A_wrong_current_password_is_named_as_such()
    {
        var user = await NewUserAsync();
        using var client = With(await TokenAsync(user));
        var change = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "bukan-sandi-lama", newPassword = "jembatan-merah-putih-7" });
        change.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await change.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("Kata sandi lama salah.");
    }

    [Fact]
    public async Task An_old_token_is_refused_after_logout_while_the_users_other_tokens_still_work()
    {
        var user = await NewUserAsync();
        using var first = With(await TokenAsync(user));
        using var second = With(await TokenAsync(user));
        (await first.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await first.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await second.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_is_refused_once_the_account_is_locked_out_or_removed()
    {
        var user = await NewUserAsync();
        using var client = With(await TokenAsync(user));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DocSignUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync(user))!, DateTimeOffset.UtcNow.AddHours(1));
        }
        (await client.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_instances_on_one_database_share_the_per_address_count()
    {
        var user = await NewUserAsync();
        // A second host on the same database: another instance behind the same load balancer.
        await using var second = app.Factory.WithWebHostBuilder(b => b.UseSetting("DocSign:Jobs:SchedulerName", $"second-{Guid.NewGuid():N}"));
        async Task<HttpStatusCode> TryAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host)
        {
            using var client = host.CreateClient();
            client.DefaultRequestHeaders.Add(SecurityFixture.ClientHeader, "198.51.100.31");
            return (await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = "salah-salah-salah" })).StatusCode;
        }

        for (var i = 0; i < 3; i++) (await TryAsync(app.Factory)).ShouldBe(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 2; i++) (await TryAsync(second)).ShouldBe(HttpStatusCode.Unauthorized);
        // Five failures from this address in all, on two instances: both refuse the sixth.
        (await TryAsync(app.Factory)).ShouldBe(HttpStatusCode.TooManyRequests);
        (await TryAsync(second)).ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_session_ended_on_one_instance_is_refused_by_another_at_the_next_request()
    {
        var user = await NewUserAsync();
        await using var second = app.Factory.WithWebHostBuilder(b => b.UseSetting("DocSign:Jobs:SchedulerName", $"second-{Guid.NewGuid():N}"));
        var token = await TokenAsync(user);
        using var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await onSecond.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var onFirst = With(token);
        (await onFirst.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await onSecond.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_Masuk_page_keeps_the_same_rules_throttled_per_account_and_address_never_locking_with_one_answer()
    {
        var user = await NewUserAsync();
        using var browser = app.From("198.51.100.21");

        async Task<(HttpStatusCode Status, string Body)> PostAsync(string name, string password)
        {
            var form = await browser.GetStringAsync("/masuk");
            var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            token.ShouldNotBeNullOrEmpty("the Masuk form carries an antiforgery token");
            var response = await browser.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["namaPengguna"] = name, ["kataSandi"] = password, ["__RequestVerificationToken"] = token,
            }));
            return (response.StatusCode, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        // An unknown user and a wrong password get the same sentence.
        var unknown = await PostAsync("tidak.ada.sama.sekali", "salah-salah-salah");
        var wrong = await PostAsync(user, "salah-salah-salah");
        unknown.Status.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.Status.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.Body.ShouldContain(DocSign.Web.Auth.PasswordSignIn.Refused);
        wrong.Body.ShouldContain(DocSign.Web.Auth.PasswordSignIn.Refused);

        // Five wrong passwords for this account from this address (one above, four here), then it must wait, and
        // the page says what held it back: this account from this address.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++) statuses.Add((await PostAsync(user, "salah-salah-salah")).Status);
        statuses.Take(4).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses.Skip(4).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        (await PostAsync(user, Password)).Body.ShouldContain("Terlalu banyak kata sandi salah untuk akun ini dari alamat jaringan Anda");

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DocSignUser>>();
        (await users.IsLockedOutAsync((await users.FindByNameAsync(user))!)).ShouldBeFalse("an anonymous caller must not lock the account through the page");
        // The owner, from his own address, still gets in.
        await TokenAsync(user, Password, "203.0.113.21");
    }

    [Fact]
    public async Task The_sixth_wrong_password_from_one_address_waits_the_account_never_locks_and_only_an_admin_locks_and_unlocks()
    {
        var user = await NewUserAsync();
        using var live = With(await TokenAsync(user, Password, "203.0.113.4"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
            statuses.Add((await app.SignInAsync(user, "salah-salah-salah", "198.51.100.7")).StatusCode);

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DocSignUser>>();
            (await users.IsLockedOutAsync((await users.FindByNameAsync(user))!)).ShouldBeFalse();
        }
        // The owner's session goes on, and from his own address he gets in.
        (await live.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await TokenAsync(user, Password, "203.0.113.4");

        // Only the admin locks an account: its sessions end at once, its password no longer opens it; unlocking
        // lets it in again. Both are on the record.
        using var staff = await app.As("staf.kanigaran");
        (await staff.PostAsync($"/api/admin/users/{user}/lock", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var admin = await app.As("admin");
        (await admin.PostAsync($"/api/admin/users/{user}/lock", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await live.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.SignInAsync(user, Password, "203.0.113.4")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await staff.PostAsync($"/api/admin/users/{user}/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsync($"/api/admin/users/{user}/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await TokenAsync(user, Password, "203.0.113.7");
        (await live.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a session ended by the lock stays ended");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            (await db.AuditEntries.AnyAsync(e => e.Action == "admin.change" && e.ActorName == "admin" && e.Detail!.Contains($"akun {user} dikunci"))).ShouldBeTrue();
            (await db.AuditEntries.AnyAsync(e => e.Action == "admin.change" && e.ActorName == "admin" && e.Detail!.Contains($"kunci akun {user} dibuka"))).ShouldBeTrue();
            (await db.AuditEntries.CountAsync(e => e.Action == "auth.sign-in-failed" && e.ClientAddress == "198.51.100.7")).ShouldBe(11);
            (await db.AuditEntries.CountAsync(e => e.Action == "auth.sign-in-failed" && e.ClientAddress == "198.51.100.7"
                                                   && e.Detail == "throttled: account from this address")).ShouldBe(6);
        }
    }

    [Fact]
    public async Task Unknown_users_and_wrong_passwords_get_the_same_answer_in_about_the_same_time()
    {
        var user = await NewUserAsync();
        async Task<(string Body, TimeSpan Time)> Attempt(string name, int i)
        {
            var watch = Stopwatch.StartNew();
            var response = await app.SignInAsync(name, "salah-salah-salah", $"203.0.113.{100 + i}");
            watch.Stop();
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
            return (detail, watch.Elapsed);
        }
        await Attempt(user, 0); // warm-up
        var unknown = new List<TimeSpan>();
        var wrong = new List<TimeSpan>();
        for (var i = 1; i <= 6; i++)
        {
            var u = await Attempt("tidak.ada." + i, i * 2);
            var w = await Attempt(user, i * 2 + 1);
            u.Body.ShouldBe(w.Body);
            unknown.Add(u.Time);
            wrong.Add(w.Time);
        }
        var mu = unknown.Order().ElementAt(3).TotalMilliseconds;
        var mw = wrong.Order().ElementAt(3).TotalMilliseconds;
        // Before: 10 ms against 200 ms. Both now hash a password; the rest is noise of a shared machine.
        (mu / mw).ShouldBeInRange(0.4, 2.5, $"median unknown {mu} ms, wrong password {mw} ms");
    }
}
