using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DocSign.Web.Tests.Security;

/// <summary>
/// <c>/api/admin/offices/{office}/users</c>: an office's admin lists its accounts, gives a role, locks and unlocks,
/// through the same handlers as the Pengguna screen; a Camat is refused (403), another office's admin learns nothing
/// (404), and bad input changes nothing.
/// </summary>
public sealed class OfficeAccountsApiTests(SecurityFixture app) : IClassFixture<SecurityFixture>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static string? RoleIn(JsonElement account, string office) =>
        account.GetProperty("offices").EnumerateArray().Where(o => o.GetProperty("office").GetString() == office)
            .Select(o => o.GetProperty("role").GetString()).FirstOrDefault();

    [Fact]
    public async Task The_office_admin_manages_his_office_accounts_and_nobody_else_does()
    {
        using var admin = await app.As("admin-kantor.pronojiwo");
        var list = await admin.GetAsync("/api/admin/offices/pronojiwo/users");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var accounts = (await Json(list)).EnumerateArray().ToList();
        var kasi = accounts.Single(a => a.GetProperty("userName").GetString() == "kasi.pronojiwo");
        RoleIn(kasi, "pronojiwo").ShouldBe("kasi");
        // The Inspektorat's auditor is listed with his role here only, not his other offices.
        accounts.Single(a => a.GetProperty("userName").GetString() == "auditor.inspektorat").GetProperty("offices").GetArrayLength().ShouldBe(1);

        using (var camat = await app.As("camat.pronojiwo"))
        {
            (await camat.GetAsync("/api/admin/offices/pronojiwo/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await camat.PutAsJsonAsync("/api/admin/offices/pronojiwo/users/kasi.pronojiwo/role", new { role = "staf" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        using (var other = await app.As("admin-kantor.candipuro"))
        {
            (await other.GetAsync("/api/admin/offices/pronojiwo/users")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await other.PostAsync("/api/admin/offices/pronojiwo/users/kasi.pronojiwo/lock", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // Bad input: an unknown role, an account of another office; nothing changes.
        (await admin.PutAsJsonAsync("/api/admin/offices/pronojiwo/users/kasi.pronojiwo/role", new { role = "raja" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PutAsJsonAsync("/api/admin/offices/pronojiwo/users/staf.candipuro/role", new { role = "staf" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsync("/api/admin/offices/pronojiwo/users/admin-kantor.pronojiwo/lock", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var again = (await Json(await admin.GetAsync("/api/admin/offices/pronojiwo/users"))).EnumerateArray().ToList();
        RoleIn(again.Single(a => a.GetProperty("userName").GetString() == "kasi.pronojiwo"), "pronojiwo").ShouldBe("kasi");
        again.Any(a => a.GetProperty("userName").GetString() == "staf.candipuro").ShouldBeFalse();

        // A role given, then given back.
        var given = await admin.PutAsJsonAsync("/api/admin/offices/pronojiwo/users/kasi.pronojiwo/role", new { role = "staf" });
        given.StatusCode.ShouldBe(HttpStatusCode.OK);
        RoleIn(await Json(given), "pronojiwo").ShouldBe("staf");
        (await admin.PutAsJsonAsync("/api/admin/offices/pronojiwo/users/kasi.pronojiwo/role", new { role = "kasi" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Lock: its token stops working; unlock: its password opens it again.
        using var kasiClient = await app.As("kasi.pronojiwo");
        var locked = await admin.PostAsync("/api/admin/offices/pronojiwo/users/kasi.pronojiwo/lock", null);
        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(locked)).GetProperty("locked").GetBoolean().ShouldBeTrue();
        (await kasiClient.GetAsync("/api/documents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var unlocked = await admin.PostAsync("/api/admin/offices/pronojiwo/users/kasi.pronojiwo/unlock", null);
        unlocked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(unlocked)).GetProperty("locked").GetBoolean().ShouldBeFalse();
        using var anonymous = app.Anonymous();   // a fresh sign-in (the fixture's cached token ended with the lock)
        (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "kasi.pronojiwo", password = "docsign-demo" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
