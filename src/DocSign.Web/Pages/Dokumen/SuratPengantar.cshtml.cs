using DocSign.Core.Letters;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Dokumen;

/// <summary>
/// "Buat surat pengantar" from the document page (as <c>POST /api/documents/{id}/cover-letter</c>): back to the document
/// with the letter's number, or with why not.
/// </summary>
public sealed class SuratPengantarModel(MakeCoverLetterHandler make) : DocSignPageModel
{
    public IActionResult OnGet(Guid id) => Redirect($"/dokumen/{id}");

    public Task<IActionResult> OnPostAsync(Guid id) => GuardAsync(async () =>
    {
        try
        {
            var letter = await make.HandleAsync(await ActorAsync(), id, HttpContext.RequestAborted);
            Notice = letter.Status == LetterStatus.Reserved
                ? $"Surat pengantar bernomor {letter.Number}; menunggu tanda tangan sesuai aturan kantor."
                : $"Surat pengantar {letter.Number} dibuat dan ditandatangani.";
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Forbidden or ProblemKind.Conflict or ProblemKind.Unavailable)
        {
            Notice = null;
            TempData["GalatPengantar"] = problem.UserMessage;
        }
        return Redirect($"/dokumen/{id}#surat-pengantar");
    });
}
