using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Arsip: the office's archived documents (title and verdict first, objects on demand), integrity summary and manifests.</summary>
public sealed class ArsipPage(UiSession session) : PageObject(session)
{
    public ILocator Copies => Page.Locator("[data-salinan-arsip]");
    public ILocator Copy(Guid id) => Copies.Locator($"[data-salinan='{id}']");
    /// <summary>The entry of one archived document: its title, verdict, "Periksa sekarang" and its objects.</summary>
    public ILocator Entry(Guid documentId) => Copies.Locator($"li[data-dokumen-arsip='{documentId}']");
    public ILocator Verdict(Guid documentId) => Entry(documentId).Locator("[data-putusan-arsip]");
    public ILocator CheckResult(Guid documentId) => Entry(documentId).Locator("[data-hasil-periksa]");
    public ILocator Damaged => Page.Locator("[data-arsip-rusak]");
    public ILocator LastCheck => Page.Locator("[data-pemeriksaan-terakhir]");
    public ILocator MismatchCount => Page.Locator("[data-jumlah-berubah]");
    public ILocator Manifests => Page.Locator("[data-daftar-manifest] a");

    public new Task GotoAsync(string office) => base.GotoAsync($"/arsip/{office}");

    /// <summary>Opens the entry's "Rincian objek arsip" (keys and hashes).</summary>
    public Task ShowDetailsAsync(Guid documentId) => Entry(documentId).Locator("summary").ClickAsync();

    /// <summary>"Periksa sekarang" on the signed document's copy.</summary>
    public Task CheckNowAsync(Guid documentId) => NavigateByAsync(() =>
        Entry(documentId).GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Periksa sekarang: naskah") }).ClickAsync());
}
