using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Pendaftaran penanda tangan: enrolled certificates and the PKCS#12 upload form.</summary>
public sealed class PenandaTanganPage(UiSession session) : PageObject(session)
{
    public ILocator Keys => Page.GetByRole(AriaRole.Table, new() { Name = "Sertifikat terdaftar" });
    public ILocator Key(string purpose) => Keys.Locator($"tr[data-keperluan='{purpose}']");
    public ILocator Office => Page.GetByLabel("Kantor", new() { Exact = true });
    public ILocator Purpose => Page.GetByLabel("Keperluan", new() { Exact = true });
    public ILocator Authority => Page.GetByLabel("Kewenangan", new() { Exact = true });
    public ILocator DecreeNumber => Page.GetByLabel("Nomor SK");
    public ILocator PeriodFrom => Page.GetByLabel("SK berlaku dari");
    public ILocator PeriodTo => Page.GetByLabel("SK berlaku sampai");
    public ILocator File => Page.GetByLabel("Berkas PKCS#12 (.p12/.pfx)");
    public ILocator Passphrase => Page.GetByLabel("Passphrase berkas PKCS#12");
    public ILocator EnrolButton => Page.GetByRole(AriaRole.Button, new() { Name = "Daftarkan kunci" });

    public new Task GotoAsync(string? userId = null) => base.GotoAsync(userId is null ? "/penanda-tangan" : $"/penanda-tangan?pengguna={userId}");

    /// <param name="authority">Option label ("Definitif", "Plt. (pelaksana tugas)", ...).</param>
    public async Task EnrolAsync(byte[] pkcs12, string passphrase, string authority = "Definitif", string? decree = null, DateOnly? from = null, DateOnly? to = null)
    {
        await Authority.SelectOptionAsync(new SelectOptionValue { Label = authority });
        if (decree is not null) await DecreeNumber.FillAsync(decree);
        if (from is { } f) await PeriodFrom.FillAsync(f.ToString("yyyy-MM-dd"));
        if (to is { } t) await PeriodTo.FillAsync(t.ToString("yyyy-MM-dd"));
        await File.SetInputFilesAsync(new FilePayload { Name = "kunci.p12", MimeType = "application/x-pkcs12", Buffer = pkcs12 });
        await Passphrase.FillAsync(passphrase);
        await NavigateByAsync(() => EnrolButton.ClickAsync());
    }
}
