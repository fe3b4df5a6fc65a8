using DocSign.Core.Documents;
using DocSign.Core.Intake;
using DocSign.Web.Auth;
using DocSign.Web.Security;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Api;

/// <summary>The surat masuk register with disposisi, and the start of the SOP an incoming letter triggers.</summary>
internal static class IntakeEndpoints
{
    public static IEndpointRouteBuilder MapDocSignIntake(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().DisableAntiforgery();
        api.MapPost("/offices/{office}/incoming-letters", RegisterAsync).AcceptsUploads();
        api.MapGet("/offices/{office}/incoming-letters", async (string office, HttpContext context, ListIncomingLettersHandler handler) =>
            Results.Ok(new { letters = (await handler.HandleAsync(await CurrentActor.GetAsync(context), office, context.RequestAborted)).Select(IncomingLetterDto.From) }));
        api.MapGet("/incoming-letters/{id:guid}", async (Guid id, HttpContext context, GetIncomingLetterHandler handler) =>
            Results.Ok(IncomingLetterDto.From((await handler.HandleAsync(await CurrentActor.GetAsync(context), id, context.RequestAborted)).Letter)));
        api.MapGet("/incoming-letters/{id:guid}/scan", async (Guid id, HttpContext context, ReadIncomingScanHandler handler) =>
        {
            var (letter, content) = await handler.HandleAsync(await CurrentActor.GetAsync(context), id, context.RequestAborted);
            context.Response.Headers["X-DocSign-Sha256"] = letter.ScanSha256;
            return Results.Stream(content, "application/pdf", letter.ScanName ?? "surat-masuk.pdf");
        });
        api.MapPost("/incoming-letters/{id:guid}/disposisi", async (Guid id, HttpContext context, AddDisposisiHandler handler) =>
        {
            var body = await WorkflowEndpoints.ReadBodyAsync<DisposisiBody>(context);
            var d = await handler.HandleAsync(await CurrentActor.GetAsync(context), id, new AddDisposisiRequest(body!.To, body.Instruction, body.Deadline), context.RequestAborted);
            return Results.Created($"/api/incoming-letters/{id}", DisposisiDto.From(d));
        });
        api.MapPost("/incoming-letters/{id:guid}/start-sop", async (Guid id, HttpContext context, StartSopFromLetterHandler handler) =>
        {
            var body = await WorkflowEndpoints.ReadBodyAsync<StartBody>(context, optional: true);
            var document = await handler.HandleAsync(await CurrentActor.GetAsync(context), id,
                new StartSopFromLetterRequest(body?.Title, body?.Year, body?.Kind), context.RequestAborted);
            return Results.Created($"/api/documents/{document.Id}", DocumentDto.From(document));
        });
        api.MapGet("/documents/{id:guid}/handoff", async (Guid id, HttpContext context, DownloadHandOffHandler handler) =>
        {
            var package = await handler.HandleAsync(await CurrentActor.GetAsync(context), id, context.RequestAborted);
            context.Response.Headers["X-DocSign-Manifest-Sha256"] = package.ManifestSha256;
            return Results.File(package.Zip, "application/zip", package.FileName);
        });
        api.MapGet("/me/disposisi", async (HttpContext context, MyDisposisiHandler handler) =>
            Results.Ok(new
            {
                disposisi = (await handler.HandleAsync(await CurrentActor.GetAsync(context), context.RequestAborted))
                    .Select(t => new { letter = IncomingLetterDto.From(t.Letter), disposisi = DisposisiDto.From(t.Disposisi) }),
            }));
        return app;
    }

    private static async Task<IResult> RegisterAsync(string office, HttpContext context, RegisterIncomingLetterHandler handler, IOptions<UploadOptions> options)
    {
        var actor = await CurrentActor.GetAsync(context);
        var form = await Uploads.ReadFormAsync(context.Request, options);
        var scan = Uploads.FileOf(form, out var stream, "scan");
        await using (stream)
        {
            var letter = await handler.HandleAsync(actor, new RegisterIncomingLetterRequest(office, form["number"], form["letterDate"], form["sender"],
                form["subject"], form["receivedOn"], form["sifat"], form["urgency"], scan), context.RequestAborted);
            return Results.Created($"/api/incoming-letters/{letter.Id}", IncomingLetterDto.From(letter));
        }
    }

    private sealed record DisposisiBody(string? To, string? Instruction, string? Deadline);
    private sealed record StartBody(string? Title, string? Year, string? Kind);
}

internal sealed record DisposisiDto(Guid Id, int Number, string? ToUser, string? ToRole, string Instruction, DateOnly? Deadline, string By, DateTimeOffset At)
{
    public static DisposisiDto From(Disposisi d) => new(d.Id, d.Number, d.ToUser, d.ToRole, d.Instruction, d.Deadline, d.By, d.At);
}

internal sealed record IncomingLetterDto(Guid Id, string Office, string Number, DateOnly LetterDate, string Sender, string Subject, DateOnly ReceivedOn,
    string Sifat, string Urgency, string RegisteredBy, DateTimeOffset RegisteredAt, string? ScanSha256, long? ScanSize, Guid? DocumentId,
    IReadOnlyList<DisposisiDto> Disposisi)
{
    public static IncomingLetterDto From(IncomingLetter l) => new(l.Id, l.OfficeId, l.Number, l.LetterDate, l.Sender, l.Subject, l.ReceivedOn,
        l.Sifat, l.Urgency, l.RegisteredBy, l.RegisteredAt, l.ScanSha256, l.ScanSize, l.DocumentId, l.Dispositions.OrderBy(d => d.Number).Select(DisposisiDto.From).ToList());
}
