using DocSign.Core.Archive;
using DocSign.Core.Documents;
using DocSign.Core.Problems;
using DocSign.Web.Auth;
using DocSign.Web.Security;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Api;

internal static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocSignDocuments(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/documents").RequireAuthorization().DisableAntiforgery();
        documents.MapPost("/", CreateAsync).AcceptsUploads();
        documents.MapGet("/", ListAsync);
        documents.MapGet("/{id:guid}", GetAsync);
        documents.MapPost("/{id:guid}/versions", AddVersionAsync).AcceptsUploads();
        documents.MapGet("/{id:guid}/versions/{number:int}/content", ContentAsync);
        documents.MapGet("/{id:guid}/attachment", AttachmentAsync);
        documents.MapPost("/{id:guid}/revisi", RevisionAsync);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CreateDocumentHandler handler, IOptions<UploadOptions> options)
    {
        var actor = await CurrentActor.GetAsync(context);
        var form = await Uploads.ReadFormAsync(context.Request, options);
        var file = Uploads.FileOf(form, out var stream);
        var attachment = Uploads.FileOf(form, out var attachmentStream, "attachment");
        await using (stream)
        await using (attachmentStream)
        {
            var document = await handler.HandleAsync(actor,
                new CreateDocumentRequest(form["office"], form["year"], form["kind"], form["title"], file, form["instruction"], attachment),
                context.RequestAborted);
            return Results.Created($"/api/documents/{document.Id}", DocumentDto.From(document));
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, ListDocumentsHandler handler, string? office, string? year)
    {
        var actor = await CurrentActor.GetAsync(context);
        var list = await handler.HandleAsync(actor, new ListDocumentsRequest(office, year), context.RequestAborted);
        return Results.Ok(new { documents = list.Select(DocumentSummaryDto.From) });
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext context, GetDossierHandler handler)
    {
        var dossier = await handler.HandleAsync(await CurrentActor.GetAsync(context), id, context.RequestAborted);
        return Results.Ok(DocumentDto.From(dossier.Document, dossier.Letters, dossier.ArchiveCopies));
    }

    private static async Task<IResult> AddVersionAsync(Guid id, HttpContext context, AddVersionHandler handler, IOptions<UploadOptions> options)
    {
        var actor = await CurrentActor.GetAsync(context);
        var form = await Uploads.ReadFormAsync(context.Request, options);
        var file = Uploads.FileOf(form, out var stream);
        await using (stream)
        {
            var version = await handler.HandleAsync(actor, new AddVersionRequest(id, form["stage"], form["note"], file), context.RequestAborted);
            return Results.Created($"/api/documents/{id}/versions/{version.Number}", VersionDto.From(version));
        }
    }

    private static async Task<IResult> AttachmentAsync(Guid id, HttpContext context, ReadAttachmentHandler handler)
    {
        var (document, content) = await handler.HandleAsync(await CurrentActor.GetAsync(context), id, context.RequestAborted);
        context.Response.Headers["X-DocSign-Sha256"] = document.AttachmentSha256;
        return Results.Stream(content, "application/pdf", document.AttachmentName ?? "lampiran.pdf");
    }

    /// <summary><c>POST /api/documents/{id}/revisi {note}</c>: a correction after the signature starts a new run.</summary>
    private static async Task<IResult> RevisionAsync(Guid id, HttpContext context, DocSign.Core.Workflow.StartRevisionHandler handler, RevisionBody? body)
    {
        var document = await handler.HandleAsync(await CurrentActor.GetAsync(context),
            new DocSign.Core.Workflow.StartRevisionRequest(id, body?.Note), context.RequestAborted);
        return Results.Ok(DocumentDto.From(document));
    }

    internal sealed record RevisionBody(string? Note);

    private static async Task<IResult> ContentAsync(Guid id, int number, HttpContext context, ReadVersionContentHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var (version, content) = await handler.HandleAsync(actor, id, number, context.RequestAborted);
        context.Response.Headers["X-DocSign-Sha256"] = version.Sha256;
        context.Response.ContentLength = version.Size;
        return Results.Stream(content, "application/pdf", $"dokumen-{id:N}-v{number}.pdf");
    }
}
