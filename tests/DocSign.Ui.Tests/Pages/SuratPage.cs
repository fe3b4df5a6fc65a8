using System.Text.RegularExpressions;
using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>A letter: number, status, the document it covers, the PDF, dispatch, tanda terima, cancellation and history.</summary>
public sealed class SuratPage(UiSession session) : PageObject(session)
{
    public ILocator Status => Page.Locator("[data-status-surat]");
    public ILocator Number => Page.Locator("[data-nomor-surat]");
    public ILocator DocumentLink => Page.Locator("[data-dokumen-surat]");
    public ILocator Viewer => Page.Locator(".penampil[data-pdf]");
    public ILocator Recipient => Page.GetByLabel("Penerima", new() { Exact = true });
    public ILocator Channel => Page.GetByLabel("Saluran pengiriman");
    public ILocator DispatchButton => Page.GetByRole(AriaRole.Button, new() { Name = "Catat pengiriman" });
    public ILocator ReceiptFile => Page.GetByLabel("Berkas tanda terima (PDF, PNG atau JPEG)");
    public ILocator ReceiptButton => Page.GetByRole(AriaRole.Button, new() { Name = "Unggah tanda terima" });
    public ILocator ReceiptLink => Page.GetByRole(AriaRole.Link, new() { Name = "Unduh tanda terima" });
    public ILocator VoidReason => Page.GetByLabel("Alasan pembatalan");
    public ILocator VoidConfirm => Page.GetByLabel(new Regex("^Saya yakin membatalkan surat"));
    public ILocator VoidButton => Page.GetByRole(AriaRole.Button, new() { Name = "Batalkan surat" });
    public ILocator History => Page.GetByRole(AriaRole.Table, new() { Name = "Riwayat surat" });

    public Task GotoAsync(Guid id) => GotoAsync($"/surat/{id}");

    public Task<string?> StatusCodeAsync() => Status.GetAttributeAsync("data-status-surat");

    public async Task WaitForViewerAsync() =>
        await Assertions.Expect(Viewer).ToHaveAttributeAsync("data-halaman-terurai", new Regex("^[0-9]+$"));

    public async Task DispatchAsync(string recipient, string channelLabel)
    {
        await Recipient.FillAsync(recipient);
        await Channel.SelectOptionAsync(new SelectOptionValue { Label = channelLabel });
        await NavigateByAsync(() => DispatchButton.ClickAsync());
    }

    public async Task UploadReceiptAsync(byte[] content, string fileName, string mimeType)
    {
        await ReceiptFile.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });
        await NavigateByAsync(() => ReceiptButton.ClickAsync());
    }

    public async Task<byte[]> DownloadReceiptAsync()
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => ReceiptLink.ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public async Task VoidAsync(string reason)
    {
        await VoidReason.FillAsync(reason);
        await VoidConfirm.CheckAsync();
        await NavigateByAsync(() => VoidButton.ClickAsync());
    }
}
