using DocSign.Ui.Tests.Harness;
using DocSign.Ui.Tests.Pages;

namespace DocSign.Ui.Tests.Scenarios;

/// <summary>
/// Hangfire's dashboard behind DocSign's own sign-in: the admin finds it in his menu and sees every DocSign job as a
/// recurring job, read-only; a Camat has no link and is refused the dashboard (403), a stranger too (401).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class JobsDashboardTests(DocSignServer server)
{
    [Fact]
    public async Task The_admin_opens_the_Hangfire_dashboard_from_his_menu_and_a_Camat_is_refused_it()
    {
        await using var admin = await server.NewSessionAsync("dasbor-pekerjaan");
        await admin.SignInAsAsync("admin");
        var dashboard = new JobsDashboardPage(admin);
        await admin.Page.GotoAsync("/pengaturan");
        await Assertions.Expect(dashboard.MenuLink).ToHaveAttributeAsync("href", "/hangfire");
        await dashboard.OpenFromMenuAsync();
        dashboard.LastStatus.ShouldBe(200);
        await Assertions.Expect(admin.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("DocSign"));
        await dashboard.ScreenshotAsync("hangfire-ringkasan");

        await dashboard.GotoRecurringAsync();
        dashboard.LastStatus.ShouldBe(200);
        foreach (var job in new[] { "letters.surat-pengantar", "archive.arsip", "archive.integritas-arsip", "archive.pembaruan-stempel-waktu",
                     "audit.audit-anchor", "workflow.overdue-steps", "storage.orphan-sweep" })
            await Assertions.Expect(dashboard.Recurring(job)).ToHaveCountAsync(1);
        await Assertions.Expect(dashboard.TriggerButtons).ToHaveCountAsync(0);   // read-only by default
        await dashboard.ScreenshotAsync("hangfire-berulang");
        admin.BrowserErrors.ShouldBeEmpty();

        await using var camat = await server.NewSessionAsync("dasbor-pekerjaan-camat");
        await camat.SignInAsAsync("camat.candipuro");
        var refused = new JobsDashboardPage(camat);
        await Assertions.Expect(refused.MenuLink).ToHaveCountAsync(0);
        await refused.GotoAsync();
        refused.LastStatus.ShouldBe(403);
        await refused.GotoRecurringAsync();
        refused.LastStatus.ShouldBe(403);
        (await camat.Page.ContentAsync()).ShouldNotContain("surat-pengantar");
        await refused.ScreenshotAsync("hangfire-ditolak");

        await using var stranger = await server.NewSessionAsync("dasbor-pekerjaan-tamu");
        var anonymous = new JobsDashboardPage(stranger);
        await anonymous.GotoAsync();
        anonymous.LastStatus.ShouldBe(401);
    }
}
