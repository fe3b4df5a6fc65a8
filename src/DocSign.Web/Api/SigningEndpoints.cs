using DocSign.Core.Documents;
using DocSign.Core.Problems;
using DocSign.Core.Signing;
using DocSign.Web.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

using DocSign.Web.Security;

namespace DocSign.Web.Api;

/// <summary>
/// Signing in the service: signer enrolment, the Camat's signature and the paraf before it, the Penandatanganan
/// screen's data, office signing settings, and the anonymous public verification behind a stamp's QR code.
/// </summary>
internal static class SigningEndpoints
{
    /// <summary><c>POST /sign</c> and <c>/paraf</c> body. The passphrase is used for this one signature and never kept.</summary>
    internal sealed class SignBody
    {
        public string? Passphrase { get; init; }

        /// <summary>A BSrE one-time code instead of the passphrase (signers enrolled with BSrE).</summary>
        public string? Totp { get; init; }
        public int? Page { get; init; }
        public double? X { get; init; }
        public double? Y { get; init; }
        public double? Width { get; init; }
        public double? Height { get; init; }
        public override string ToString() => "SignBody(hidden)";
    }

    internal sealed record SettingsBody(string? Level, bool? ParafRequired);

    public static IEndpointRouteBuilder MapDocSignSigning(this IEndpointRouteBuilder app)
    {
        var signers = app.MapGroup("/api/signers").RequireAuthorization().DisableAntiforgery();
        signers.MapPost("/{userId}/enrolment", EnrolAsync);
        signers.MapGet("/{userId}/enrolment", ListEnrolmentsAsync);

        var documents = app.MapGroup("/api/documents").RequireAuthorization().DisableAntiforgery();
        documents.MapPost("/{id:guid}/sign", (Guid id, SignBody? body, HttpContext context, SignDocumentHandler handler, IOptions<SigningOptions> options) =>
            SignAsync(id, SignatureKind.Sign, body, context, handler, options));
        documents.MapPost("/{id:guid}/paraf", (Guid id, SignBody? body, HttpContext context, SignDocumentHandler handler, IOptions<SigningOptions> options) =>
            SignAsync(id, SignatureKind.Paraf, body, context, handler, options));
        documents.MapGet("/{id:guid}/signing", ContextAsync);

        var offices = app.MapGroup("/api/offices").RequireAuthorization().DisableAntiforgery();
        offices.MapGet("/{office}/signing-settings", async (string office, HttpContext context, OfficeSigningSettingsHandler handler) =>
            Results.Ok(SigningSettingsDto.From(await handler.GetAsync(await CurrentActor.GetAsync(context), office, context.RequestAborted))));
        offices.MapPut("/{office}/signing-settings", async (string office, SettingsBody? body, HttpContext context, OfficeSigningSettingsHandler handler) =>
            Results.Ok(SigningSettingsDto.From(await handler.UpdateAsync(await CurrentActor.GetAsync(context), office,
                new UpdateSigningSettingsRequest(body?.Level, body?.ParafRequired), context.RequestAborted))));

        // Anonymous: what the QR code opens. Facts about the signature only, never the document's content.
        var verifications = app.MapGroup("/api/public/verifications").AllowAnonymous().DisableAntiforgery();
        verifications.MapGet("/{publicId}", async (string publicId, HttpContext context, GetPublicVerificationHandler handler) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Ok(PublicVerificationDto.From(await handler.HandleAsync(publicId, context.RequestAborted)));
        });
        verifications.MapPost("/{publicId}/compare", CompareAsync).AcceptsAnonymousCompare().RequireRateLimiting(PublicUploadLimits.ComparePolicy);
        return app;
    }

    private static async Task<IResult> EnrolAsync(string userId, HttpContext context, EnrolSignerHandler handler, IOptions<UploadOptions> options)
    {
        var actor = await CurrentActor.GetAsync(context);
        if (context.Request.ContentLength > SignerEnrolment.MaxPkcs12Bytes + Uploads.FormOverhead)
            throw new DocSignProblem(ProblemKind.TooLarge, $"Berkas PKCS#12 terlalu besar; paling banyak {SignerEnrolment.MaxPkcs12Bytes / 1024} KB.");
        var form = await Uploads.ReadFormAsync(context.Request, options);
        var file = Uploads.FileOf(form, out var stream);
        await using (stream)
        {
            var enrolment = await handler.HandleAsync(actor, new EnrolSignerRequest
            {
                UserId = userId,
                Office = form["office"],
                Purpose = form["purpose"],
                Authority = form["authority"],
                DecreeNumber = form["decreeNumber"],
                PeriodFrom = form["periodFrom"],
                PeriodTo = form["periodTo"],
                Jabatan = form["jabatan"],
                File = file,
                Passphrase = form["passphrase"],
            }, context.RequestAborted);
            return Results.Created($"/api/signers/{enrolment.UserId}/enrolment", EnrolmentDto.From(enrolment));
        }
    }

    private static async Task<IResult> ListEnrolmentsAsync(string userId, HttpContext context, ListEnrolmentsHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var list = await handler.HandleAsync(actor, userId, context.RequestAborted);
        return Results.Ok(new { enrolments = list.Select(EnrolmentDto.From) });
    }

    private static async Task<IResult> SignAsync(Guid id, SignatureKind kind, SignBody? body, HttpContext context, SignDocumentHandler handler, IOptions<SigningOptions> options)
    {
        var actor = await CurrentActor.GetAsync(context);
        var result = await handler.HandleAsync(actor, new SignDocumentRequest
        {
            DocumentId = id,
            Kind = kind,
            Passphrase = body?.Passphrase,
            Totp = body?.Totp,
            Page = body?.Page,
            X = body?.X,
            Y = body?.Y,
            Width = body?.Width,
            Height = body?.Height,
        }, context.RequestAborted);
        return Results.Created($"/api/documents/{id}/versions/{result.Version.Number}", new
        {
            version = VersionDto.From(result.Version),
            signature = SignatureDto.From(result.Signature, options.Value.PublicBaseUrl),
            publicUrl = result.PublicUrl.AbsoluteUri,
            verdict = result.Verification?.Verdict,
            verification = result.Verification?.Report,
        });
    }

    private static async Task<IResult> ContextAsync(Guid id, string? kind, HttpContext context, GetSigningContextHandler handler, IOptions<SigningOptions> options)
    {
        var actor = await CurrentActor.GetAsync(context);
        var k = SignatureKind.Sign;
        if (kind is not null && !SigningTerms.TryParseKind(kind, out k))
            throw DocSignProblem.Invalid("kind harus 'sign' atau 'paraf'.");
        var c = await handler.HandleAsync(actor, id, k, context.RequestAborted);
        return Results.Ok(new SigningContextDto(c.Kind.ToWire(), c.PendingVersion is null ? null : VersionDto.From(c.PendingVersion),
            c.Layout?.PageCount, BoxDto.From(c.Layout?.DefaultBox), c.Layout?.LastPageWidth, c.Layout?.LastPageHeight,
            c.Enrolment is null ? null : EnrolmentDto.From(c.Enrolment), c.Level.ToWire(), c.ParafRequired,
            c.RetryAfter is { } r ? (int)Math.Ceiling(r.TotalSeconds) : null, c.FreeAttemptsLeft, c.Blocked,
            c.Signatures.Select(s => SignatureDto.From(s, options.Value.PublicBaseUrl)).ToList()));
    }

    private static async Task<IResult> CompareAsync(string publicId, HttpContext context, ComparePublicCopyHandler handler, IOptions<SigningOptions> options)
    {
        // Anonymous upload: capped at the compare limit before a byte of the body is read.
        var max = options.Value.MaxCompareBytes + Uploads.FormOverhead;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
        if (context.Request.ContentLength > max)
            throw new DocSignProblem(ProblemKind.TooLarge, $"Berkas terlalu besar untuk dibandingkan; paling besar {options.Value.MaxCompareBytes / (1024 * 1024)} MB.");
        if (!StampText.IsPublicId(publicId)) throw DocSignProblem.NotFound("Tanda tangan dengan kode ini tidak dikenal.");
        var form = await Uploads.ReadFormAsync(context.Request, Options.Create(new UploadOptions { MaxBytes = options.Value.MaxCompareBytes }));
        var file = Uploads.FileOf(form, out var stream);
        await using (stream)
        {
            return Results.Ok(CompareDto.From(await handler.HandleAsync(publicId, file, context.RequestAborted)));
        }
    }
}
