using DocSign.Ui.Tests.Harness;

namespace DocSign.Ui.Tests.Pages;

/// <summary>Surat keluar: the office's register with its filter, exports and the Kasubag Umum's "Ambil nomor" form.</summary>
public sealed class SuratKeluarPage(UiSession session) : PageObject(session)
{
    public ILocator Table => Page.Locator("table[data-agenda]");
    public ILocator Rows => Table.Locator("tbody tr");
    public ILocator Year => Page.GetByLabel("Tahun", new() { Exact = true });
    public ILocator Status => Page.GetByLabel("Status", new() { Exact = true });
    public ILocator FilterButton => Page.GetByRole(AriaRole.Button, new() { Name = "Saring" });
    public ILocator CsvLink => Page.GetByRole(AriaRole.Link, new() { Name = "Unduh CSV" });
    public ILocator PdfLink => Page.GetByRole(AriaRole.Link, new() { Name = "Unduh PDF" });
    public ILocator Subject => Page.GetByLabel("Perihal", new() { Exact = true });
    public ILocator Classification => Page.GetByLabel("Kode klasifikasi");
    public ILocator Sifat => Page.GetByLabel("Sifat", new() { Exact = true });
    public ILocator Addressee => Page.GetByLabel("Tujuan", new() { Exact = true });
    public ILocator InsertAfter => Page.GetByLabel("Sisipkan setelah nomor urut");
    public ILocator InsertDate => Page.GetByLabel("Tanggal surat sisipan");
    public ILocator InsertReason => Page.GetByLabel("Alasan nomor sisipan");
    public ILocator ReserveButton => Page.GetByRole(AriaRole.Button, new() { Name = "Ambil nomor" });

    /// <summary>The register line whose row contains <paramref name="text"/>.</summary>
    public ILocator Row(string text) => Rows.Filter(new() { HasText = text });

    public Task GotoAsync(string office, string? year = null) => base.GotoAsync(year is null ? $"/surat-keluar/{office}" : $"/surat-keluar/{office}?tahun={year}");

    public async Task FilterAsync(string? year, string statusLabel)
    {
        await Year.FillAsync(year ?? "");
        await Status.SelectOptionAsync(new SelectOptionValue { Label = statusLabel });
        await NavigateByAsync(() => FilterButton.ClickAsync());
    }

    public async Task ReserveAsync(string subject, string? classification = null, string sifat = "Biasa", string? addressee = null,
        int? insertAfter = null, DateOnly? insertDate = null, string? insertReason = null, string urgency = "Biasa")
    {
        await Subject.FillAsync(subject);
        if (classification is not null) await Classification.FillAsync(classification);
        await Sifat.SelectOptionAsync(new SelectOptionValue { Label = sifat });
        await Page.GetByLabel("Derajat kecepatan").SelectOptionAsync(new SelectOptionValue { Label = urgency });
        if (addressee is not null) await Addressee.FillAsync(addressee);
        if (insertAfter is { } after) await InsertAfter.FillAsync(after.ToString());
        if (insertDate is { } date) await InsertDate.FillAsync(date.ToString("yyyy-MM-dd"));
        if (insertReason is not null) await InsertReason.FillAsync(insertReason);
        await NavigateByAsync(() => ReserveButton.ClickAsync());
    }

    /// <summary>Follows the register's link of letter <paramref name="number"/> to the letter page.</summary>
    public async Task<SuratPage> OpenLetterAsync(string number)
    {
        var href = await Page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).GetAttributeAsync("href");
        var letter = new SuratPage(Session);
        await letter.GotoAsync(Guid.Parse(href!.Split('/')[^1]));
        return letter;
    }
}
