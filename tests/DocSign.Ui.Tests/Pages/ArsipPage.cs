using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Arsip: the office's archive copies, integrity summary and manifests.</summary>
public sealed class ArsipPage(UiSession session) : PageObject(session)
{
    public ILocator Copies => Page.GetByRole(AriaRole.Table, new() { Name = "Salinan arsip" });
    public ILocator Copy(Guid id) => Copies.Locator($"tr[data-salinan='{id}']");
    public ILocator Damaged => Page.Locator("[data-arsip-rusak]");
    public ILocator LastCheck => Page.Locator("[data-pemeriksaan-terakhir]");
    public ILocator MismatchCount => Page.Locator("[data-jumlah-berubah]");
    public ILocator Manifests => Page.Locator("[data-daftar-manifest] a");

    public new Task GotoAsync(string office) => base.GotoAsync($"/arsip/{office}");
}
