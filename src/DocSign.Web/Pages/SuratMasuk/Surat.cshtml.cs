using DocSign.Core.Intake;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.SuratMasuk;

/// <summary>One incoming letter: its details and scan, the disposisi written on it, and the button that starts the SOP it triggers.</summary>
public sealed class SuratModel(GetIncomingLetterHandler get, AddDisposisiHandler disposisi, StartSopFromLetterHandler start) : DocSignPageModel
{
    public IncomingLetterView? View { get; private set; }
    public IncomingLetter? Letter => View?.Letter;
    public string? Kepada { get; private set; }
    public string? Instruksi { get; private set; }
    public string? BatasWaktu { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id) => GuardAsync(async () =>
    {
        View = await get.HandleAsync(await ActorAsync(), id, HttpContext.RequestAborted);
        return Page();
    });

    public Task<IActionResult> OnPostDisposisiAsync(Guid id, string? kepada, string? instruksi, string? batasWaktu) => GuardAsync(async () =>
    {
        try
        {
            var d = await disposisi.HandleAsync(await ActorAsync(), id, new AddDisposisiRequest(kepada, instruksi, batasWaktu), HttpContext.RequestAborted);
            Notice = $"Disposisi {d.Number} tersimpan dan tampil di tugas penerimanya.";
            return Redirect($"/surat-masuk/surat/{id}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid)
        {
            await ShowFormErrorAsync(problem);
            (Kepada, Instruksi, BatasWaktu) = (kepada, instruksi, batasWaktu);
            View = await get.HandleAsync(await ActorAsync(), id, HttpContext.RequestAborted);
            return Page();
        }
    });

    public Task<IActionResult> OnPostMulaiAsync(Guid id, string? judul, string? tahun, string? jenis) => GuardAsync(async () =>
    {
        try
        {
            var document = await start.HandleAsync(await ActorAsync(), id, new StartSopFromLetterRequest(judul, tahun, jenis), HttpContext.RequestAborted);
            Notice = $"SOP dimulai: dokumen \"{document.Title}\" dibuat dari surat masuk ini, belum ada berkas.";
            return Redirect($"/dokumen/{document.Id}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict)
        {
            await ShowFormErrorAsync(problem);
            View = await get.HandleAsync(await ActorAsync(), id, HttpContext.RequestAborted);
            return Page();
        }
    });

    /// <summary>Whom a disposisi went to, in words.</summary>
    public static string Penerima(Disposisi d) => d.ToUser ?? Tampil.Peran(d.ToRole ?? "");
}
