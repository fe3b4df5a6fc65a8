using DocSign.Core.Documents;
using DocSign.Core.Verification;
using DocSign.Web.Auth;
using DocSign.Web.Security;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Api;

internal static class VerifyEndpoint
{
    /// <summary>
    /// <c>POST /api/verify</c> (any signed-in user): the <c>docsign verify --json</c> object for the uploaded file,
    /// from the same use case as the Verifikasi screen (one audit line per check). Multipart <c>file</c>, and an
    /// optional <c>password</c> for an encrypted PDF.
    /// </summary>
    public static IEndpointRouteBuilder MapDocSignVerify(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/verify", async (HttpContext context, VerifyUploadHandler verify, IOptions<UploadOptions> options) =>
        {
            var actor = await CurrentActor.GetAsync(context);
            var form = await Uploads.ReadFormAsync(context.Request, options);
            var file = Uploads.FileOf(form, out var stream);
            await using (stream)
            {
                // An encrypted PDF's password, when the uploader gives one (optional; never logged or audited).
                var password = form.TryGetValue("password", out var pw) && !string.IsNullOrEmpty(pw.ToString()) ? pw.ToString() : null;
                return Results.Ok((await verify.HandleAsync(actor, file, context.RequestAborted, password)).Report);
            }
        }).RequireAuthorization().DisableAntiforgery().AcceptsUploads().RequireRateLimiting(SecuritySetup.VerifyPolicy);
        return app;
    }
}
