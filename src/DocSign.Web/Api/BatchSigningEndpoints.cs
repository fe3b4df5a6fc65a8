using DocSign.Core.Problems;
using DocSign.Core.Signing;
using DocSign.Web.Auth;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Api;

/// <summary>
/// Tanda tangan massal: <c>POST /api/sign/batch</c> signs several documents put to the caller with one passphrase or TOTP
/// (the same handler as the Tanda Tangan Massal screen), and <c>GET /api/sign/batch/{id}</c> reports a running batch's progress.
/// </summary>
internal static class BatchSigningEndpoints
{
    /// <summary>The body. The passphrase is used for this one batch and never kept.</summary>
    internal sealed class BatchBody
    {
        public List<Guid>? DocumentIds { get; init; }
        public string? Passphrase { get; init; }
        public string? Totp { get; init; }
        public Guid? BatchId { get; init; }
        public override string ToString() => "BatchBody(hidden)";
    }

    public static IEndpointRouteBuilder MapDocSignBatchSigning(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sign/batch").RequireAuthorization().DisableAntiforgery();
        group.MapPost("", async (BatchBody? body, HttpContext context, SignBatchHandler handler, IOptions<SigningOptions> options) =>
        {
            var actor = await CurrentActor.GetAsync(context);
            var result = await handler.HandleAsync(actor, new SignBatchRequest
            {
                DocumentIds = body?.DocumentIds ?? [],
                Passphrase = body?.Passphrase,
                Totp = body?.Totp,
                BatchId = body?.BatchId,
            }, context.RequestAborted);
            return Results.Ok(BatchResultDto.From(result, options.Value.PublicBaseUrl));
        });
        group.MapGet("/{batchId:guid}", async (Guid batchId, HttpContext context, SignBatchProgress progress) =>
        {
            var actor = await CurrentActor.GetAsync(context);
            context.Response.Headers.CacheControl = "no-store";
            var view = progress.Find(batchId, actor.UserId) ?? throw DocSignProblem.NotFound("Tanda tangan massal ini tidak dikenal (atau sudah lama selesai).");
            return Results.Ok(BatchProgressDto.From(view));
        });
        return app;
    }
}

internal sealed record BatchItemDto(Guid DocumentId, string Title, string Status, string? Message, VersionDto? Version, SignatureDto? Signature,
    string? PublicUrl, string? Verdict);

internal sealed record BatchResultDto(Guid BatchId, int Signed, int Failed, IReadOnlyList<BatchItemDto> Items)
{
    public static BatchResultDto From(SignBatchResult r, string publicBaseUrl) => new(r.BatchId, r.SignedCount, r.FailedCount,
        r.Items.Select(i => new BatchItemDto(i.DocumentId, i.Title, i.Succeeded ? "signed" : "failed", i.Failure,
            i.Signed is { } s ? VersionDto.From(s.Version) : null,
            i.Signed is { } t ? SignatureDto.From(t.Signature, publicBaseUrl) : null,
            i.Signed?.PublicUrl.AbsoluteUri, i.Signed?.Verification?.Verdict)).ToList());
}

internal sealed record BatchProgressDto(Guid BatchId, int Total, int SignedByProvider, int Finished, int Failed, string Stage, bool Done, string? Error,
    IReadOnlyList<BatchProgressDocumentDto> Documents)
{
    public static BatchProgressDto From(BatchProgressView v) => new(v.BatchId, v.Total, v.SignedByProvider, v.Finished, v.Failed, v.Stage, v.Done, v.Error,
        v.Documents.Select(d => new BatchProgressDocumentDto(d.DocumentId, d.Failure is null ? "signed" : "failed", d.Failure)).ToList());
}

internal sealed record BatchProgressDocumentDto(Guid DocumentId, string Status, string? Message);
