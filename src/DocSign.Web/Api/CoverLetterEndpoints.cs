using DocSign.Core.Letters;
using DocSign.Core.Signing;
using DocSign.Web.Auth;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Api;

/// <summary>
/// The surat pengantar at its SOP step: made (numbered) by the step's holder, signed by whom the office's rule names,
/// or signed by the Camat in the same sitting as the document it covers.
/// </summary>
internal static class CoverLetterEndpoints
{
    internal sealed class LetterSignBody
    {
        public string? Passphrase { get; init; }
        public string? Totp { get; init; }
        public override string ToString() => "LetterSignBody(hidden)";
    }

    public static IEndpointRouteBuilder MapDocSignCoverLetters(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery();
        api.MapPost("/documents/{id:guid}/cover-letter", async (Guid id, HttpContext context, MakeCoverLetterHandler handler) =>
        {
            var letter = await handler.HandleAsync(await CurrentActor.GetAsync(context), id, context.RequestAborted);
            return Results.Created($"/api/letters/{letter.Id}", LetterDto.From(letter));
        });
        api.MapPost("/letters/{id:guid}/sign", async (Guid id, LetterSignBody? body, HttpContext context, SignCoverLetterHandler handler) =>
            Results.Ok(LetterDto.From(await handler.HandleAsync(await CurrentActor.GetAsync(context), id, body?.Passphrase, body?.Totp, context.RequestAborted))));
        api.MapPost("/documents/{id:guid}/sign-with-cover-letter", async (Guid id, SigningEndpoints.SignBody? body, HttpContext context,
            SignWithCoverLetterHandler handler, IOptions<SigningOptions> options) =>
        {
            var actor = await CurrentActor.GetAsync(context);
            var result = await handler.HandleAsync(actor, new SignDocumentRequest
            {
                DocumentId = id, Kind = SignatureKind.Sign, Passphrase = body?.Passphrase, Totp = body?.Totp,
                Page = body?.Page, X = body?.X, Y = body?.Y, Width = body?.Width, Height = body?.Height,
            }, withCoverLetter: true, context.RequestAborted);
            var signed = result.Document;
            return Results.Created($"/api/documents/{id}/versions/{signed.Version.Number}", new
            {
                version = VersionDto.From(signed.Version),
                signature = SignatureDto.From(signed.Signature, options.Value.PublicBaseUrl),
                publicUrl = signed.PublicUrl.AbsoluteUri,
                verdict = signed.Verification?.Verdict,
                letter = result.CoverLetter is null ? null : LetterDto.From(result.CoverLetter),
                letterProblem = result.CoverLetterProblem,
            });
        });
        return app;
    }
}
