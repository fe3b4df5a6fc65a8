using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Api;

internal static class VerifyEndpoint
{
    /// <summary>
    /// <c>POST /api/verify</c> (any signed-in user): answers with the verifier registered as
    /// <see cref="ISignedPdfVerifier"/>, or 501 while none is.
    /// </summary>
    public static IEndpointRouteBuilder MapDocSignVerify(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/verify", async (HttpContext context, IOptions<UploadOptions> options) =>
        {
            var verifier = context.RequestServices.GetService<ISignedPdfVerifier>();
            if (verifier is null)
                return Results.Problem(statusCode: 501, title: ProblemExceptionHandler.TitleOf(501),
                    detail: "Verifikasi tanda tangan belum tersedia di server ini.");
            var form = await Uploads.ReadFormAsync(context.Request, options);
            var file = Uploads.FileOf(form, out var stream);
            await using (stream)
            {
                if (file is null || file.Length == 0)
                    throw DocSignProblem.Invalid("Lampirkan berkas PDF bertanda tangan pada isian 'file'.");
                if (file.Length > options.Value.MaxBytes)
                    throw new DocSignProblem(ProblemKind.TooLarge, "Berkas terlalu besar untuk diverifikasi.");
                return Results.Ok(await verifier.VerifyAsync(file.Content, context.RequestAborted));
            }
        }).RequireAuthorization().DisableAntiforgery();
        return app;
    }
}
