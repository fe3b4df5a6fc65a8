using DocSign.Core.Documents;
using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// The admin's kop surat of an office: paper size, telephone, website, tembusan, and the regional emblem upload.
/// Same use cases as <c>PUT /api/offices/{office}/letter-template</c> and <c>POST .../letter-template/emblem</c>.
/// </summary>
public sealed class KopSuratModel(LetterTemplateHandler templates, UploadLetterEmblemHandler emblem) : DocSignPageModel
{
    public static readonly IReadOnlyList<string> Offices = ["kanigaran", "candipuro", "lumajang", "pronojiwo"];

    public string Office { get; private set; } = "";

    /// <summary>The offices offered: every office for the system admin, his own for an office admin.</summary>
    public IReadOnlyList<string> Choices { get; private set; } = Offices;
    public LetterTemplate? Template { get; private set; }

    public Task<IActionResult> OnGetAsync(string? office) => GuardAsync(async () =>
    {
        await LoadAsync(office);
        return Page();
    });

    public Task<IActionResult> OnPostSimpanAsync(string office, string? kertas, string? telepon, string? laman, string? tembusan) => GuardAsync(async () =>
    {
        try
        {
            await templates.UpdateAsync(await ActorAsync(), office, new UpdateLetterTemplateRequest(
                PaperSize: kertas, Telephone: telepon ?? "", Website: laman ?? "", CarbonCopies: tembusan ?? ""), HttpContext.RequestAborted);
            Notice = "Pengaturan kop surat disimpan.";
            return Redirect($"/kop-surat?office={OfficeIds.Normalize(office)}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict)
        {
            await ShowFormErrorAsync(problem);
            await LoadAsync(office);
            return Page();
        }
    });

    public Task<IActionResult> OnPostLambangAsync(string office, IFormFile? lambang) => GuardAsync(async () =>
    {
        try
        {
            await using var stream = lambang?.OpenReadStream();
            await emblem.HandleAsync(await ActorAsync(), office, lambang is null ? null : new UploadedFile(stream!, lambang.Length, lambang.FileName), HttpContext.RequestAborted);
            Notice = "Lambang daerah disimpan; surat pengantar berikutnya memakainya.";
            return Redirect($"/kop-surat?office={OfficeIds.Normalize(office)}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict or ProblemKind.TooLarge)
        {
            await ShowFormErrorAsync(problem);
            await LoadAsync(office);
            return Page();
        }
    });

    private async Task LoadAsync(string? office)
    {
        var actor = await ActorAsync();
        Choices = actor.IsAdministrator ? Offices
            : actor.Memberships.Where(m => m.Role == OfficeRole.AdminKantor).Select(m => m.OfficeId).Distinct().ToList();
        if (Choices.Count == 0) throw DocSignProblem.Forbidden("Hanya admin yang dapat mengatur kop surat kantor.");
        Office = OfficeIds.Normalize(string.IsNullOrWhiteSpace(office) ? Choices[0] : office);
        if (!actor.AdministersOffice(Office)) throw DocSignProblem.Forbidden("Hanya admin kantor ini yang dapat mengatur kop surat kantor.");
        Template = (await templates.GetAsync(actor, Office, HttpContext.RequestAborted)).Template;
    }
}
