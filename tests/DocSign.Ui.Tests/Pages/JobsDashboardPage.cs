using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Hangfire's dashboard under DocSign's sign-in (admin only): its overview and its recurring jobs.</summary>
public sealed class JobsDashboardPage(UiSession session) : PageObject(session)
{
    /// <summary>The admin's link to the dashboard (on the Pengaturan hub).</summary>
    public ILocator MenuLink => Page.GetByRole(AriaRole.Link, new() { Name = "Pantau pekerjaan latar" });

    /// <summary>A row of the recurring jobs table by the job's id (<c>group.name</c>).</summary>
    public ILocator Recurring(string id) => Page.Locator("table tr", new() { HasText = id });

    /// <summary>The dashboard's own buttons that change jobs (absent when read-only).</summary>
    public ILocator TriggerButtons => Page.Locator("button.js-jobs-list-command, [data-url$='/trigger']");

    public new Task GotoAsync(string path = "/hangfire") => base.GotoAsync(path);

    public Task GotoRecurringAsync() => GotoAsync("/hangfire/recurring");

    /// <summary>Follows the menu link from the current page.</summary>
    public Task OpenFromMenuAsync() => NavigateByAsync(() => MenuLink.ClickAsync());
}
