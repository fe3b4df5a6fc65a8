using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Surat masuk: the office's register, the form to record a received letter, one letter's page with disposisi and the SOP start.</summary>
public sealed class SuratMasukPage(UiSession session) : PageObject(session)
{
    public ILocator RegisterRows => Page.Locator("[data-register-masuk] tbody tr");
    public ILocator Details => Page.Locator("[data-surat-masuk-rincian]");
    public ILocator DisposisiRows => Page.Locator("[data-disposisi-tabel] tbody tr");
    public ILocator SopLink => Page.Locator("[data-dokumen-sop]");

    public Task GotoRegisterAsync(string office) => GotoAsync($"/surat-masuk/{office}");

    public async Task RegisterAsync(string number, string letterDate, string sender, string subject, string receivedOn, string urgency, byte[]? scan)
    {
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "Catat surat masuk" });
        if (!await form.IsVisibleAsync()) await Page.GetByText("Catat surat masuk", new() { Exact = true }).First.ClickAsync();
        await Page.GetByLabel("Nomor surat").FillAsync(number);
        await Page.GetByLabel("Tanggal surat").FillAsync(letterDate);
        await Page.GetByLabel("Asal / pengirim").FillAsync(sender);
        await Page.GetByLabel("Perihal").FillAsync(subject);
        await Page.GetByLabel("Diterima tanggal").FillAsync(receivedOn);
        await Page.GetByLabel("Derajat kesegeraan").SelectOptionAsync(new SelectOptionValue { Label = urgency });
        if (scan is not null)
            await Page.GetByLabel("Pindaian surat").SetInputFilesAsync(new FilePayload { Name = "surat-edaran.pdf", MimeType = "application/pdf", Buffer = scan });
        await NavigateByAsync(() => form.GetByRole(AriaRole.Button, new() { Name = "Catat surat masuk" }).ClickAsync());
    }

    public Task GotoLetterAsync(Guid id) => GotoAsync($"/surat-masuk/surat/{id}");

    public Guid LetterId => Guid.Parse(new Uri(Page.Url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[2]);

    public async Task WriteDisposisiAsync(string toLabel, string instruction, string deadline)
    {
        await Page.GetByLabel("Kepada").SelectOptionAsync(new SelectOptionValue { Label = toLabel });
        await Page.GetByLabel("Instruksi").FillAsync(instruction);
        await Page.GetByLabel("Batas waktu").FillAsync(deadline);
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Simpan disposisi" }).ClickAsync());
    }

    public async Task<DocumentPage> StartSopAsync(string title, string year, string kindLabel)
    {
        await Page.GetByLabel("Judul dokumen").FillAsync(title);
        await Page.GetByLabel("Tahun").FillAsync(year);
        await Page.GetByLabel("Jenis dokumen").SelectOptionAsync(new SelectOptionValue { Label = kindLabel });
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Mulai SOP" }).ClickAsync());
        return new DocumentPage(Session);
    }
}
