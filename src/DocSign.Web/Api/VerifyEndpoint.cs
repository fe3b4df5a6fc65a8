using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Audit;
using DocSign.Web.Security;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Api;

internal static class VerifyEndpoint
{
    /// <summary>
    /// <c>POST /api/verify</c> (any signed-in user): answers with the verifier registered as
    /// <see cref="ISignedPdfVerifier"/>, or 501 while none is. Multipart <c>file</c>, and an optional
    /// <c>password</c> for an encrypted PDF.
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
                // An encrypted PDF's password, when the uploader gives one (optional; never logged or audited).
                var password = form.TryGetValue("password", out var pw) && !string.IsNullOrEmpty(pw.ToString()) ? pw.ToString() : null;
                var report = await verifier.VerifyAsync(file.Content, password, context.RequestAborted);
                await context.RequestServices.GetRequiredService<IAuditTrail>().RecordNowAsync(new AuditEvent(AuditActions.Verified)
                    { Sha256 = FileSha256(report), Detail = Verdict(report) + " (unggahan)" }, context.RequestAborted);
                return Results.Ok(report);
            }
        }).RequireAuthorization().DisableAntiforgery().AcceptsUploads().RequireRateLimiting(SecuritySetup.VerifyPolicy);
        return app;
    }

    private static string? FileSha256(object report) =>
        report is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } j
        && j.TryGetProperty("file", out var f) && f.ValueKind == System.Text.Json.JsonValueKind.Object
        && f.TryGetProperty("sha256", out var s) ? s.GetString() : null;

    private static string Verdict(object report) =>
        report is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } j && j.TryGetProperty("verdict", out var v)
            ? v.GetString() ?? "?" : "?";
}
