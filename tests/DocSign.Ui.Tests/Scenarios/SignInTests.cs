using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>Masuk and Keluar in a real browser: the cookie session beside the API's bearer tokens.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(DocSignServer server)
{
    [Fact]
    public async Task Wrong_password_is_refused_right_one_opens_the_dashboard_and_Keluar_ends_the_session()
    {
        await using var session = await server.NewSessionAsync("masuk");
        var masuk = await session.OpenMasukAsync();
        await Assertions.Expect(masuk.Heading).ToHaveTextAsync("Masuk ke DocSign");
        await masuk.ScreenshotAsync("masuk");

        await masuk.TrySignInAsync("staf.kanigaran", "salah-sekali");
        masuk.LastStatus.ShouldBe(401);
        await Assertions.Expect(masuk.Alert).ToHaveTextAsync(DocSign.Web.Auth.PasswordSignIn.Refused);
        await masuk.TrySignInAsync("tidak.ada", "salah-sekali");
        await Assertions.Expect(masuk.Alert).ToHaveTextAsync(DocSign.Web.Auth.PasswordSignIn.Refused);

        var dashboard = await masuk.SignInAsync("staf.kanigaran", DocSignServer.DemoPassword);
        await Assertions.Expect(dashboard.SignedInAs).ToHaveTextAsync("staf.kanigaran");
        await Assertions.Expect(session.Page.GetByText("Staf — Kecamatan Kanigaran")).ToBeVisibleAsync();

        // The office's SOP, from the dashboard: steps with their Mutu Baku and who holds each SOP role.
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "SOP", Exact = true }).ClickAsync();
        await Assertions.Expect(dashboard.Heading).ToContainTextAsync("SOP");
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Table, new() { Name = "Peran SOP dan pemegangnya" })).ToContainTextAsync("Kasubbg Keuangan dan Program");
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Table, new() { Name = "Langkah" })).ToContainTextAsync("Output");
        await dashboard.GotoAsync();

        var afterLogout = await dashboard.SignOutAsync();
        await Assertions.Expect(afterLogout.Heading).ToHaveTextAsync("Masuk ke DocSign");
        var again = await session.Page.GotoAsync("/");
        new Uri(again!.Url).AbsolutePath.ShouldBe("/masuk");
        session.BrowserErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_page_asked_for_before_sign_in_is_shown_after_it_and_never_an_outside_address()
    {
        await using var session = await server.NewSessionAsync("masuk-kembali");
        await session.Page.GotoAsync("/verifikasi");
        new Uri(session.Page.Url).AbsolutePath.ShouldBe("/masuk");
        var masuk = new Pages.MasukPage(session);
        await masuk.TrySignInAsync("auditor.pronojiwo", DocSignServer.DemoPassword);
        new Uri(session.Page.Url).AbsolutePath.ShouldBe("/verifikasi");

        await using var other = await server.NewSessionAsync("masuk-luar");
        await other.Page.GotoAsync("/masuk?kembali=https%3A%2F%2Fcontoh.invalid%2F");
        await new Pages.MasukPage(other).TrySignInAsync("auditor.pronojiwo", DocSignServer.DemoPassword);
        new Uri(other.Page.Url).Host.ShouldBe("127.0.0.1");
        new Uri(other.Page.Url).AbsolutePath.ShouldBe("/");
    }

    [Fact]
    public async Task Pages_carry_a_restrictive_content_security_policy_and_the_API_keeps_answering_401_in_json()
    {
        await using var session = await server.NewSessionAsync("csp");
        var response = await session.Page.GotoAsync("/masuk");
        var headers = await response!.AllHeadersAsync();
        headers["content-security-policy"].ShouldContain("script-src 'self'");
        headers["content-security-policy"].ShouldNotContain("unsafe-inline");
        headers["content-security-policy"].ShouldContain("frame-ancestors 'none'");
        headers["x-content-type-options"].ShouldBe("nosniff");
        headers["cache-control"].ShouldBe("no-store");

        var api = await session.Context.APIRequest.GetAsync("/api/documents");
        api.Status.ShouldBe(401);
        (await api.TextAsync()).ShouldContain("Silakan masuk");
    }
}
