using DocSign.Core.Letters;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Publik;

/// <summary>
/// The page a letter's QR code opens, without sign-in: the letter's number, date, office and state, and the current
/// verdict of the signed PDF DocSign issued, with its SHA-256. Never the letter's content.
/// </summary>
public sealed class PublikSuratModel(GetPublicLetterHandler handler) : DocSignPageModel
{
    public PublicLetter? Result { get; private set; }

    public Task<IActionResult> OnGetAsync(string id) => GuardAsync(async () =>
    {
        Result = await handler.HandleAsync(id, HttpContext.RequestAborted);
        return Page();
    });
}
