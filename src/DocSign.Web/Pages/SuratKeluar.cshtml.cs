using System.Globalization;
using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// The office's buku agenda surat keluar: every number given, filtered by year and status, with the API's CSV and
/// PDF exports; the Kasubag Umum takes a number for a letter written outside DocSign, or a nomor sisipan with its
/// reason. Same use cases as <c>GET /api/offices/{office}/letters</c> and <c>POST .../letter-numbers</c>.
/// </summary>
public sealed class SuratKeluarModel(ListLettersHandler list, ReserveLetterNumberHandler reserve) : DocSignPageModel
{
    public string Office { get; private set; } = "";
    public string? Tahun { get; private set; }
    public string? Status { get; private set; }
    public IReadOnlyList<Letter> Letters { get; private set; } = [];
    public bool CanReserve { get; private set; }

    /// <summary>A fresh key per form shown: a double submit (or a reload of the post) takes one number, not two.</summary>
    public string FormKey { get; } = "ui-" + Guid.NewGuid().ToString("N");

    /// <summary>The export address with the same filter as the table.</summary>
    public string ExportUrl(string format)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Tahun)) query.Add("year=" + Uri.EscapeDataString(Tahun));
        if (!string.IsNullOrWhiteSpace(Status)) query.Add("status=" + Uri.EscapeDataString(Status));
        return $"/api/offices/{Office}/letters.{format}" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    public Task<IActionResult> OnGetAsync(string office, string? tahun, string? status) => GuardAsync(async () =>
    {
        await LoadAsync(office, tahun, status);
        return Page();
    });

    /// <summary>Takes the next number, or (with "sisipkan setelah") a nomor sisipan for a backdated letter.</summary>
    public Task<IActionResult> OnPostPesanAsync(string office, string? perihal, string? klasifikasi, string? sifat, string? tujuan,
        string? setelah, string? tanggal, string? alasan, string? kunci, string? urgensi) => GuardAsync(async () =>
    {
        try
        {
            int? after = null;
            if (!string.IsNullOrWhiteSpace(setelah))
            {
                if (!int.TryParse(setelah, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    throw DocSignProblem.Invalid("Nomor urut yang disisipi harus berupa angka.");
                after = n;
            }
            DateOnly? date = null;
            if (!string.IsNullOrWhiteSpace(tanggal))
            {
                if (!DateOnly.TryParseExact(tanggal, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    throw DocSignProblem.Invalid("Tanggal surat harus berformat TTTT-BB-HH.");
                date = d;
            }
            var reserved = await reserve.HandleAsync(await ActorAsync(), new ReserveLetterNumberRequest(
                office, klasifikasi, perihal, sifat, tujuan, after is null ? kunci : null, after, alasan, date, urgensi), HttpContext.RequestAborted);
            Notice = reserved.Created
                ? $"Nomor surat {reserved.Letter.Number} dicatat untuk \"{reserved.Letter.Subject}\"."
                : $"Permintaan ini sudah dicatat sebelumnya: nomor {reserved.Letter.Number}.";
            return Redirect($"/surat-keluar/{reserved.Letter.OfficeId}?tahun={reserved.Letter.Year}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict or ProblemKind.Forbidden or ProblemKind.Throttled)
        {
            await ShowFormErrorAsync(problem);
            await LoadAsync(office, null, null);
            return Page();
        }
    });

    private async Task LoadAsync(string office, string? tahun, string? status)
    {
        var actor = await ActorAsync();
        Office = OfficeIds.Normalize(office);
        Tahun = tahun;
        Status = status;
        Letters = await list.HandleAsync(actor, Office, tahun, status, HttpContext.RequestAborted);
        CanReserve = actor.HasRole(Office, OfficeRole.KasubagUmum);
    }
}
