using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Profil saya: name, jabatan per office, the signature section (signers only) and the sessions link.</summary>
public sealed class ProfilPage(UiSession session) : PageObject(session)
{
    public Task GotoAsync() => GotoAsync("/profil");

    public ILocator MenuLink => Page.GetByRole(AriaRole.Link, new() { Name = "Profil saya", Exact = true });
    public ILocator Jabatan => Page.Locator("[data-jabatan]");
    public ILocator Certificates => Page.Locator("[data-sertifikat-saya]");
    public ILocator EnrolLink => Page.GetByRole(AriaRole.Link, new() { Name = "Daftarkan atau ganti sertifikat" });
}
