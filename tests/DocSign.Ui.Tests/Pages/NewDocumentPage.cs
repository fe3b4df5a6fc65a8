using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Dokumen baru: office, year, kind, title and the first draft.</summary>
public sealed class NewDocumentPage(UiSession session) : PageObject(session)
{
    public ILocator Office => Page.GetByLabel("Kantor");
    public ILocator Year => Page.GetByLabel("Tahun");
    public ILocator Kind => Page.GetByLabel("Jenis dokumen");
    public ILocator Title => Page.GetByLabel("Judul");
    public ILocator File => Page.GetByLabel("Berkas PDF (draf pertama)");
    public ILocator Instruction => Page.GetByLabel("Perintah / disposisi");
    public ILocator SaveButton => Page.GetByRole(AriaRole.Button, new() { Name = "Simpan dokumen" });

    public Task GotoAsync() => GotoAsync("/dokumen/baru");

    /// <summary>Fills and saves the form; the document page follows (or this page with an error).</summary>
    public async Task<DocumentPage> CreateAsync(string title, byte[] pdf, string fileName = "draf.pdf", string? year = null, string kind = "LKjIP")
    {
        await Title.FillAsync(title);
        if (year is not null) await Year.FillAsync(year);
        await Kind.SelectOptionAsync(kind);
        await File.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = pdf });
        await NavigateByAsync(() => SaveButton.ClickAsync());
        return new DocumentPage(Session) { };
    }

    /// <summary>Starts the document from the order that starts its SOP, with no file (the draft comes at the drafting step).</summary>
    public async Task<DocumentPage> StartFromOrderAsync(string title, string instruction, string? year = null, string kind = "LKjIP")
    {
        await Title.FillAsync(title);
        if (year is not null) await Year.FillAsync(year);
        await Kind.SelectOptionAsync(kind);
        await Instruction.FillAsync(instruction);
        await NavigateByAsync(() => SaveButton.ClickAsync());
        return new DocumentPage(Session) { };
    }
}
