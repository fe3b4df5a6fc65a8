using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Pengaturan;

/// <summary>
/// Surat dan kop: an office's letter template (the number pattern, unit, default classification, the surat pengantar's
/// place, kop lines, addressee, sifat, zone and retention). Same use case as <c>PUT /api/offices/{office}/letter-template</c>;
/// the emblem, paper size and contact lines stay on the Kop surat page, which this one links. A refusal changes nothing.
/// </summary>
public sealed class SuratModel(LetterTemplateHandler templates) : DocSignPageModel
{
    public string Office { get; private set; } = "";
    public OfficeLetterTemplate? Current { get; private set; }

    /// <summary>What was typed, shown again after a refusal so that nothing typed is lost.</summary>
    public UpdateLetterTemplateRequest? Typed { get; private set; }

    public static IReadOnlyList<(string Value, string Label)> Zones { get; } =
        [("Asia/Jakarta", "WIB (Asia/Jakarta)"), ("Asia/Makassar", "WITA (Asia/Makassar)"), ("Asia/Jayapura", "WIT (Asia/Jayapura)")];

    public Task<IActionResult> OnGetAsync(string office) => GuardAsync(async () =>
    {
        await LoadAsync(office);
        return Page();
    });

    public Task<IActionResult> OnPostAsync(string office, string? pola, string? unit, string? klasifikasi, string? sisipan, string? zona,
        string? tempat, string? kop, string? tujuan, string? sifat, string? kelasRetensi, int? masaRetensi) => GuardAsync(async () =>
    {
        await LoadAsync(office);
        var request = new UpdateLetterTemplateRequest(NumberPattern: pola ?? "", UnitCode: unit ?? "", DefaultClassification: klasifikasi ?? "",
            InsertStyle: sisipan ?? "", TimeZone: zona ?? "", Place: tempat ?? "", Letterhead: kop ?? "", Addressee: tujuan ?? "",
            Sifat: sifat ?? "", RetentionClass: kelasRetensi ?? "", RetentionYears: masaRetensi ?? 0);
        try
        {
            var saved = await templates.UpdateAsync(await ActorAsync(), Office, request, HttpContext.RequestAborted);
            Notice = $"Pengaturan surat disimpan. Contoh nomor: {saved.SampleNumber}.";
            return Redirect($"/pengaturan/{Office}/surat");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict)
        {
            Typed = request;
            await ShowFormErrorAsync(problem);
            return Page();
        }
    });

    private async Task LoadAsync(string office)
    {
        var actor = await ActorAsync();
        Office = OfficeIds.Normalize(office);
        Current = await templates.GetAsync(actor, Office, HttpContext.RequestAborted);
        if (!actor.AdministersOffice(Office))
            throw DocSignProblem.Forbidden("Hanya admin kantor ini yang dapat mengubah pengaturan surat.");
    }
}
