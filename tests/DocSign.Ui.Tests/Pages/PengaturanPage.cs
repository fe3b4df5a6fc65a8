using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Pengaturan: the admin's hub, one card of task links per office he administers, and the service-wide ones.</summary>
public sealed class PengaturanPage(UiSession session) : PageObject(session)
{
    public Task GotoAsync() => GotoAsync("/pengaturan");

    public ILocator MenuLink => Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu utama" }).GetByRole(AriaRole.Link, new() { Name = "Pengaturan", Exact = true });
    public ILocator Office(string office) => Page.Locator($"[data-pengaturan-kantor='{office}']");
    public ILocator ServiceWide => Page.Locator("[data-pengaturan-layanan]");

    public Task OpenFromMenuAsync() => NavigateByAsync(() => MenuLink.ClickAsync());

    /// <summary>Follows one of an office's task links by its text.</summary>
    public Task OpenAsync(string office, string task) =>
        NavigateByAsync(() => Office(office).GetByRole(AriaRole.Link, new() { Name = task, Exact = true }).ClickAsync());
}
