using System.Globalization;
using System.Text;
using System.Text.Json;
using DocSign.Core.Archive;
using DocSign.Core.Documents;
using DocSign.Core.Letters;
using DocSign.Core.Problems;
using DocSign.Core.Jobs;
using DocSign.Core.Offices;
using DocSign.Web.Auth;

namespace DocSign.Web.Api;

/// <summary>
/// The outgoing-letter register, letters, dispatch and receipts, the office's archive, and the admin's jobs list.
/// </summary>
internal static class LetterEndpoints
{
    /// <summary>JSON bodies here are a few fields; anything bigger is refused before it is read.</summary>
    private const long MaxJsonBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapDocSignLetters(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery();
        api.MapPost("/offices/{office}/letter-numbers", ReserveAsync);
        api.MapGet("/offices/{office}/letters", ListAsync);
        api.MapGet("/offices/{office}/letters.csv", (string office, string? year, string? status, HttpContext c, ListLettersHandler h, ExportRegisterHandler e) => ListAsync(office, year, status, "csv", c, h, e));
        api.MapGet("/offices/{office}/letters.pdf", (string office, string? year, string? status, HttpContext c, ListLettersHandler h, ExportRegisterHandler e) => ListAsync(office, year, status, "pdf", c, h, e));
        api.MapGet("/offices/{office}/archive", ArchiveAsync);
        api.MapGet("/offices/{office}/archive/due", ArchiveDueEndpoint.DueAsync);
        api.MapPost("/offices/{office}/archive/{copyId:guid}/destroy", ArchiveDueEndpoint.DestroyAsync);
        api.MapGet("/letters/{id:guid}", GetAsync);
        api.MapGet("/letters/{id:guid}/content", ContentAsync);
        api.MapGet("/letters/{id:guid}/receipt", ReceiptContentAsync);
        api.MapPost("/letters/{id:guid}/void", VoidAsync);
        api.MapPost("/letters/{id:guid}/dispatch", DispatchAsync);
        api.MapPost("/letters/{id:guid}/receipt", ReceiptAsync);
        api.MapGet("/admin/jobs", JobsAsync);
        api.MapGet("/offices/{office}/letter-template", async (string office, HttpContext context, LetterTemplateHandler handler) =>
            Results.Ok(LetterTemplateDto.From(await handler.GetAsync(await CurrentActor.GetAsync(context), office, context.RequestAborted))));
        api.MapPut("/offices/{office}/letter-template", async (string office, HttpContext context, LetterTemplateHandler handler) =>
        {
            var actor = await CurrentActor.GetAsync(context);
            var body = await ReadJsonAsync<UpdateLetterTemplateRequest>(context);
            return Results.Ok(LetterTemplateDto.From(await handler.UpdateAsync(actor, office, body, context.RequestAborted)));
        });
        api.MapPost("/offices/{office}/letter-template/emblem", EmblemAsync);
        api.MapGet("/offices/{office}/classification-codes", async (string office, string? q, HttpContext context, ClassificationCodesHandler handler) =>
            Results.Ok(new { codes = await handler.SearchAsync(await CurrentActor.GetAsync(context), office, q, context.RequestAborted) }));
        api.MapPost("/offices/{office}/classification-codes", async (string office, HttpContext context, ClassificationCodesHandler handler) =>
        {
            var actor = await CurrentActor.GetAsync(context);
            var body = await ReadJsonAsync<LocalCodeBody>(context);
            var code = await handler.AddLocalAsync(actor, office, body.Code, body.Title, context.RequestAborted);
            return Results.Created($"/api/offices/{OfficeIds.Normalize(office)}/classification-codes?q={Uri.EscapeDataString(code.Code)}", code);
        });
        return app;
    }

    private sealed record LocalCodeBody(string? Code, string? Title);

    /// <summary>The admin uploads the office's regional emblem for the kop (multipart <c>file</c>, PNG or JPEG).</summary>
    private static async Task<IResult> EmblemAsync(string office, HttpContext context, UploadLetterEmblemHandler handler, LetterTemplateHandler templates)
    {
        var actor = await CurrentActor.GetAsync(context);
        var file = await SingleFileAsync(context, UploadLetterEmblemHandler.MaxBytes, "Lambang terlalu besar; paling besar 1024 KB.", "Kirim lambang sebagai multipart/form-data pada isian 'file'.");
        await using var stream = file?.OpenReadStream();
        await handler.HandleAsync(actor, office, file is null ? null : new UploadedFile(stream!, file.Length, file.FileName), context.RequestAborted);
        return Results.Ok(LetterTemplateDto.From(await templates.GetAsync(actor, office, context.RequestAborted)));
    }

    /// <summary>The one file of a multipart form, refused early when the request is larger than <paramref name="maxBytes"/> allows.</summary>
    private static async Task<IFormFile?> SingleFileAsync(HttpContext context, long maxBytes, string tooLarge, string notMultipart)
    {
        if (context.Request.ContentLength > maxBytes + Uploads.FormOverhead) throw new DocSignProblem(ProblemKind.TooLarge, tooLarge);
        if (!context.Request.HasFormContentType) throw DocSignProblem.Invalid(notMultipart);
        IFormCollection form;
        try { form = await context.Request.ReadFormAsync(context.RequestAborted); }
        catch (InvalidDataException) { throw DocSignProblem.Invalid("Formulir unggahan tidak dapat dibaca. Kirim berkas pada isian 'file'."); }
        return form.Files.GetFile("file");
    }

    private sealed record LetterTemplateDto(
        string OfficeId, bool Exists, string? SampleNumber, string? NumberPattern, string? UnitCode, string? DefaultClassification, string? InsertStyle,
        string? TimeZone, string? Place, string? Letterhead, string? Addressee, string? Sifat, string? SenderAuthority, string? SenderTitle,
        string? SenderName, string? SenderNip, string? Signer, string? RetentionClass, int? RetentionYears,
        string? PaperSize = null, string? Telephone = null, string? Website = null, string? CarbonCopies = null, string? EmblemSha256 = null, bool? AutoNumberOnSigning = null)
    {
        public static LetterTemplateDto From(OfficeLetterTemplate o) => o.Template is not { } t
            ? new(o.OfficeId, false, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null)
            : new(o.OfficeId, true, o.SampleNumber, t.NumberPattern, t.UnitCode, t.DefaultClassification, t.InsertStyle.ToWire(),
                t.TimeZone, t.Place, t.Letterhead, t.Addressee, t.Sifat, t.SenderAuthority, t.SenderTitle, t.SenderName, t.SenderNip,
                t.Signer.ToWire(), t.RetentionClass, t.RetentionYears, t.PaperSize.ToWire(), t.Telephone, t.Website, t.CarbonCopies, t.EmblemSha256, t.AutoNumberOnSigning);
    }

    private sealed record ReserveBody(string? Classification, string? Subject, string? Sifat, string? Addressee, int? InsertAfter, string? Reason, string? Date, string? IdempotencyKey,
        string? Urgency = null);
    private sealed record VoidBody(string? Reason);
    private sealed record DispatchBody(string? Recipient, string? Channel);

    private static async Task<IResult> ReserveAsync(string office, HttpContext context, ReserveLetterNumberHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = await ReadJsonAsync<ReserveBody>(context);
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(body.Date))
        {
            if (!DateOnly.TryParseExact(body.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                throw DocSignProblem.Invalid("Tanggal surat (date) harus berformat YYYY-MM-DD.");
            date = d;
        }
        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault() ?? body.IdempotencyKey;
        var reserved = await handler.HandleAsync(actor, new ReserveLetterNumberRequest(office, body.Classification, body.Subject, body.Sifat, body.Addressee,
            key, body.InsertAfter, body.Reason, date, body.Urgency), context.RequestAborted);
        var dto = LetterNumberDto.From(reserved.Letter);
        if (!reserved.Created)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Ok(dto);
        }
        return Results.Created($"/api/letters/{reserved.Letter.Id}", dto);
    }

    private static async Task<IResult> ListAsync(string office, string? year, string? status, string? format, HttpContext context, ListLettersHandler handler,
        ExportRegisterHandler export)
    {
        var actor = await CurrentActor.GetAsync(context);
        if (format is { Length: > 0 } && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            var file = await export.HandleAsync(actor, office, year, status, format, context.RequestAborted);
            return Results.File(file.Content, file.ContentType, file.FileName);
        }
        var letters = await handler.HandleAsync(actor, office, year, status, context.RequestAborted);
        return Results.Ok(new { office = OfficeIds.Normalize(office), letters = letters.Select(LetterDto.From) });
    }

    private static async Task<IResult> ArchiveAsync(string office, HttpContext context, ListArchiveHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var copies = await handler.HandleAsync(actor, office, context.RequestAborted);
        return Results.Ok(new
        {
            office = OfficeIds.Normalize(office),
            integrity = new
            {
                ok = copies.Count(c => c.IntegrityStatus == IntegrityStatus.Ok),
                mismatch = copies.Count(c => c.IntegrityStatus == IntegrityStatus.Mismatch),
                missing = copies.Count(c => c.IntegrityStatus == IntegrityStatus.Missing),
                @unchecked = copies.Count(c => c.IntegrityStatus == IntegrityStatus.Unchecked),
            },
            copies = copies.Select(ArchiveCopyDto.From),
        });
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext context, GetLetterHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        return Results.Ok(LetterDto.From(await handler.HandleAsync(actor, id, context.RequestAborted)));
    }

    private static async Task<IResult> ContentAsync(Guid id, HttpContext context, ReadLetterContentHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var (letter, content) = await handler.LetterAsync(actor, id, context.RequestAborted);
        if (letter.Sha256 is not null) context.Response.Headers["X-DocSign-Sha256"] = letter.Sha256;
        return Results.Stream(content, "application/pdf", $"surat-{letter.OfficeId}-{letter.Year}-{letter.Sequence}.pdf");
    }

    private static async Task<IResult> ReceiptContentAsync(Guid id, HttpContext context, ReadLetterContentHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var (letter, content) = await handler.ReceiptAsync(actor, id, context.RequestAborted);
        var ext = letter.ReceiptContentType switch { "image/png" => "png", "image/jpeg" => "jpg", _ => "pdf" };
        return Results.Stream(content, letter.ReceiptContentType ?? "application/octet-stream", $"tanda-terima-{letter.Sequence}.{ext}");
    }

    private static async Task<IResult> VoidAsync(Guid id, HttpContext context, VoidLetterHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = await ReadJsonAsync<VoidBody>(context);
        return Results.Ok(LetterDto.From(await handler.HandleAsync(actor, id, body.Reason, context.RequestAborted)));
    }

    private static async Task<IResult> DispatchAsync(Guid id, HttpContext context, DispatchLetterHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = await ReadJsonAsync<DispatchBody>(context);
        return Results.Ok(LetterDto.From(await handler.HandleAsync(actor, id, body.Recipient, body.Channel, context.RequestAborted)));
    }

    private static async Task<IResult> ReceiptAsync(Guid id, HttpContext context, UploadReceiptHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var file = await SingleFileAsync(context, UploadReceiptHandler.MaxBytes, "Tanda terima terlalu besar; paling besar 20 MB.", "Kirim tanda terima sebagai multipart/form-data pada isian 'file'.");
        await using var stream = file?.OpenReadStream();
        var letter = await handler.HandleAsync(actor, id, file is null ? null : new UploadedFile(stream!, file.Length, file.FileName), context.RequestAborted);
        return Results.Ok(LetterDto.From(letter));
    }

    private static async Task<IResult> JobsAsync(HttpContext context, ListJobsHandler jobs)
    {
        var actor = await CurrentActor.GetAsync(context);
        return Results.Ok(new { jobs = await jobs.HandleAsync(actor, context.RequestAborted) });
    }

    private static async Task<T> ReadJsonAsync<T>(HttpContext context) where T : class
    {
        if (context.Request.ContentLength > MaxJsonBytes) throw new DocSignProblem(ProblemKind.TooLarge, "Isi permintaan terlalu besar.");
        if (!context.Request.HasJsonContentType()) throw DocSignProblem.Invalid("Kirim data sebagai JSON (Content-Type: application/json).");
        // Read at most MaxJsonBytes + 1 even without a Content-Length (chunked), so a huge body is never buffered.
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxJsonBytes) throw new DocSignProblem(ProblemKind.TooLarge, "Isi permintaan terlalu besar.");
        }
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.ToArray(), JsonOptions) ?? throw DocSignProblem.Invalid("Isi permintaan kosong.");
        }
        catch (JsonException)
        {
            throw DocSignProblem.Invalid("Isi permintaan bukan JSON yang sah.");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
