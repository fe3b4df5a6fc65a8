using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Masuk: user name, password, "Masuk".</summary>
public sealed class MasukPage(UiSession session) : PageObject(session)
{
    public ILocator UserName => Page.GetByLabel("Nama pengguna");
    public ILocator Password => Page.GetByLabel("Kata sandi");
    public ILocator SubmitButton => Page.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true });

    public Task GotoAsync() => GotoAsync("/masuk");

    /// <summary>Signs in and expects the dashboard.</summary>
    public async Task<DashboardPage> SignInAsync(string userName, string password)
    {
        await TrySignInAsync(userName, password);
        var dashboard = new DashboardPage(Session);
        await Assertions.Expect(dashboard.Heading).ToHaveTextAsync("Dasbor");
        return dashboard;
    }

    /// <summary>Submits the form whatever the outcome (for the wrong-password tests).</summary>
    public async Task TrySignInAsync(string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await NavigateByAsync(() => SubmitButton.ClickAsync());
    }
}
