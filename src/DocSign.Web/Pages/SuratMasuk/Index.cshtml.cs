using DocSign.Core.Documents;
using DocSign.Core.Intake;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.SuratMasuk;

/// <summary>The office's surat masuk register and the form to record a received letter (the same use cases as the API).</summary>
public sealed class SuratMasukModel(ListIncomingLettersHandler list, RegisterIncomingLetterHandler register, TimeProvider clock) : DocSignPageModel
{
    public string Office { get; private set; } = "";
    public IReadOnlyList<IncomingLetter> Letters { get; private set; } = [];
    public bool CanRegister { get; private set; }
    public RegisterIncomingLetterRequest Form { get; private set; } = new(null, null, null, null, null, null, null, null, null);
    public string Today => clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd");

    public Task<IActionResult> OnGetAsync(string office) => GuardAsync(async () =>
    {
        await LoadAsync(office);
        return Page();
    });

    public Task<IActionResult> OnPostAsync(string office, string? nomor, string? tanggalSurat, string? asal, string? perihal, string? diterima,
        string? sifat, string? kesegeraan, IFormFile? pindaian) => GuardAsync(async () =>
    {
        await using var stream = pindaian?.OpenReadStream();
        var scan = pindaian is null ? null : new UploadedFile(stream!, pindaian.Length, pindaian.FileName);
        var request = new RegisterIncomingLetterRequest(office, nomor, tanggalSurat, asal, perihal, diterima, sifat, kesegeraan, scan);
        try
        {
            var letter = await register.HandleAsync(await ActorAsync(), request, HttpContext.RequestAborted);
            Notice = $"Surat masuk {letter.Number} dari {letter.Sender} tercatat.";
            return Redirect($"/surat-masuk/surat/{letter.Id}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.TooLarge)
        {
            await ShowFormErrorAsync(problem);
            await LoadAsync(office);
            Form = request;   // keep what was typed
            return Page();
        }
    });

    private async Task LoadAsync(string office)
    {
        var actor = await ActorAsync();
        Letters = await list.HandleAsync(actor, office, HttpContext.RequestAborted);
        Office = Letters.FirstOrDefault()?.OfficeId ?? Core.Offices.OfficeIds.Normalize(office);
        CanRegister = actor.IsStaffOf(Office);
    }
}
