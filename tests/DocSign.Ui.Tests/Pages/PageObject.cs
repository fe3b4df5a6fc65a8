using System.Text.RegularExpressions;
using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>
/// Base of the page objects: one class per screen, finding elements the way a screen-reader user would
/// (by role and accessible name, by label), so a test that passes also proves the screen is labelled.
/// </summary>
public abstract class PageObject(UiSession session)
{
    protected UiSession Session { get; } = session;
    protected IPage Page => Session.Page;

    /// <summary>The status of the last navigation (a refused page keeps the API's status: 403, 404, ...).</summary>
    public int? LastStatus { get; protected set; }

    /// <summary>The page's main heading.</summary>
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>A refusal or form error shown on the page (role=alert).</summary>
    public ILocator Alert => Page.GetByRole(AriaRole.Alert);

    /// <summary>A confirmation shown after an action (role=status with the notice style).</summary>
    public ILocator Notice => Page.Locator(".pesan.berhasil");

    public Task<string> ScreenshotAsync(string name) => Session.ScreenshotAsync(name);

    protected async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        LastStatus = response?.Status;
    }

    /// <summary>Runs an action that navigates (a form post) and records the answer's status.</summary>
    protected async Task NavigateByAsync(Func<Task> action)
    {
        var response = await Page.RunAndWaitForNavigationAsync(action);
        LastStatus = response?.Status;
    }

    protected static Regex Exactly(string text) => new("^\\s*" + Regex.Escape(text) + "\\s*$");
}
