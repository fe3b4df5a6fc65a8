using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>The public page behind a stamp's QR code (/v/{publicId}): no sign-in, never the content.</summary>
public sealed class PublicVerificationPage(UiSession session) : PageObject(session)
{
    public ILocator Verdict => Page.Locator("[data-putusan]");
    public ILocator Details => Page.GetByRole(AriaRole.Table, new() { Name = "Rincian tanda tangan" });
    public ILocator Sha256 => Details.Locator("[data-sha256]");
    public ILocator Comparison => Page.Locator("[data-perbandingan]");

    public Task GotoAsync(string path) => base.GotoAsync(path);

    public async Task CompareAsync(byte[] copy, string fileName = "salinan.pdf")
    {
        await Page.GetByLabel("Salinan PDF yang Anda pegang").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = copy });
        await NavigateByAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Bandingkan" }).ClickAsync());
    }
}
