using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Pengaturan › Aturan penandatanganan: level and paraf rule; the surat pengantar's signer and numbering.</summary>
public sealed class AturanPenandatangananPage(UiSession session) : PageObject(session)
{
    public new Task GotoAsync(string office) => base.GotoAsync($"/pengaturan/{office}/penandatanganan");

    public ILocator ParafRequired => Page.GetByLabel("Paraf Sekretaris Camat atau Kasubbag wajib sebelum Camat menandatangani");
    public ILocator Level => Page.GetByLabel("Daya tahan tanda tangan");
    public ILocator AutoNumber => Page.GetByLabel("Beri nomor surat pengantar otomatis saat dokumen ditandatangani");
    public ILocator CoverLetterSigner => Page.GetByLabel("Penanda tangan surat pengantar");

    public async Task SetParafRequiredAsync(bool required)
    {
        await ParafRequired.SetCheckedAsync(required);
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Simpan aturan tanda tangan" }).ClickAsync());
    }

    public Task SaveCoverLetterAsync() =>
        NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Simpan pengaturan surat pengantar" }).ClickAsync());
}
