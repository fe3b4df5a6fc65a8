using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Pengaturan › Surat dan kop: the office's number pattern and surat pengantar fields.</summary>
public sealed class PengaturanSuratPage(UiSession session) : PageObject(session)
{
    public new Task GotoAsync(string office) => base.GotoAsync($"/pengaturan/{office}/surat");

    public ILocator Pattern => Page.GetByLabel("Pola nomor surat");
    public ILocator Place => Page.GetByLabel("Tempat pada tanggal surat");
    public ILocator Sample => Page.Locator("[data-contoh-nomor]");
    public ILocator KopLink => Page.GetByRole(AriaRole.Link, new() { Name = "Kop surat", Exact = true });

    public Task SaveAsync() => NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Simpan pengaturan surat" }).ClickAsync());
}
