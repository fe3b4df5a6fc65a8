using DocSign.Core.Documents;
using DocSign.Core.Problems;
using DocSign.Core.Signing;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Publik;

/// <summary>
/// The page a stamp's QR code opens, without sign-in: office, document title, signer, time, level, SHA-256 and the
/// current verdict of that signed version, and a comparison with a copy the visitor uploads. Never the content.
/// </summary>
public sealed class PublikVerifikasiModel(GetPublicVerificationHandler handler, ComparePublicCopyHandler compare) : DocSignPageModel
{
    public PublicVerification? Result { get; private set; }
    public CopyComparison? Comparison { get; private set; }

    public Task<IActionResult> OnGetAsync(string publicId) => GuardAsync(async () =>
    {
        Result = await handler.HandleAsync(publicId, HttpContext.RequestAborted);
        return Page();
    });

    public Task<IActionResult> OnPostAsync(string publicId, IFormFile? salinan) => GuardAsync(async () =>
    {
        Result = await handler.HandleAsync(publicId, HttpContext.RequestAborted);
        await using var stream = salinan?.OpenReadStream();
        var file = salinan is null ? null : new UploadedFile(stream!, salinan.Length, salinan.FileName);
        try
        {
            Comparison = await compare.HandleAsync(publicId, file, HttpContext.RequestAborted);
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.TooLarge)
        {
            Response.StatusCode = Api.ProblemExceptionHandler.StatusOf(problem.Kind);
            FormError = problem.UserMessage;
        }
        return Page();
    });
}
