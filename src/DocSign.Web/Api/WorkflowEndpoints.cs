using System.Text.Json;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using DocSign.Web.Auth;
using DocSign.Core.Offices;

namespace DocSign.Web.Api;

/// <summary>The SOP workflow API: timeline, step transitions, submit to the Camat, review findings, dashboards, office SOP.</summary>
internal static class WorkflowEndpoints
{
    /// <summary>Workflow bodies are a few short fields; anything bigger is refused before it is read.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapDocSignWorkflow(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/documents/{id:guid}").RequireAuthorization().DisableAntiforgery();
        documents.MapPost("/submit", SubmitAsync);
        documents.MapGet("/workflow", TimelineAsync);
        documents.MapPost("/workflow/start", StartAsync);
        documents.MapPost("/workflow/advance", AdvanceAsync);
        documents.MapPost("/workflow/return", ReturnAsync);
        documents.MapGet("/workflow/findings", FindingsAsync);
        documents.MapPost("/workflow/findings", RecordFindingAsync);
        documents.MapPost("/workflow/findings/{findingId:guid}/answer", AnswerFindingAsync);

        app.MapGet("/api/me/tasks", MyTasksAsync).RequireAuthorization();
        app.MapGet("/api/sop-templates", () => Results.Ok(new { templates = SopTemplateLoader.Templates.Values.Select(SopTemplateDto.From) }))
            .RequireAuthorization();

        var offices = app.MapGroup("/api/offices/{office}").RequireAuthorization().DisableAntiforgery();
        offices.MapGet("/late-steps", LateStepsAsync);
        offices.MapGet("/workflow/stages", StagesAsync);
        offices.MapGet("/sop", OfficeSopAsync);
        offices.MapPut("/sop/mapping", UpdateMappingAsync);
        offices.MapPost("/sop/adopt", AdoptAsync);
        offices.MapPut("/sop", SopAdaptEndpoint.AdaptAsync);
        return app;
    }

    private static async Task<IResult> SubmitAsync(Guid id, HttpContext context, SubmitDocumentHandler handler, SubmitOnGenericRouteHandler generic)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = await ReadBodyAsync<NoteBody>(context, optional: true);
        WorkflowTimeline timeline;
        try
        {
            timeline = await handler.HandleAsync(actor, id, body?.Note, context.RequestAborted);
        }
        catch (DocSignProblem problem) when (problem.Kind == ProblemKind.NotFound)
        {
            // Outside any SOP run: the generic route (the Sekcam submits); an unreadable document stays a 404 there too.
            var version = await generic.HandleAsync(actor, id, context.RequestAborted);
            return Results.Ok(new { submittedVersionNumber = version.Number, route = "generic" });
        }
        return Results.Ok(WorkflowDto.From(timeline));
    }

    private static async Task<IResult> TimelineAsync(Guid id, HttpContext context, GetTimelineHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        return Results.Ok(WorkflowDto.From(await handler.HandleAsync(actor, id, context.RequestAborted)));
    }

    private static async Task<IResult> StartAsync(Guid id, HttpContext context, StartWorkflowHandler handler, TimeProvider clock)
    {
        var actor = await CurrentActor.GetAsync(context);
        var started = await handler.HandleAsync(actor, id, context.RequestAborted);
        return Results.Created($"/api/documents/{id}/workflow", WorkflowDto.From(WorkflowTimeline.From(started, clock.GetUtcNow())));
    }

    private static async Task<IResult> AdvanceAsync(Guid id, HttpContext context, AdvanceStepHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = (await ReadBodyAsync<AdvanceBody>(context))!;
        var timeline = await handler.HandleAsync(actor, new AdvanceStepRequest(id, body.StepId, body.Note, body.VersionNumber), context.RequestAborted);
        return Results.Ok(WorkflowDto.From(timeline));
    }

    private static async Task<IResult> ReturnAsync(Guid id, HttpContext context, ReturnStepHandler handler, ReturnOnGenericRouteHandler generic)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = (await ReadBodyAsync<ReturnBody>(context))!;
        WorkflowTimeline timeline;
        try
        {
            timeline = await handler.HandleAsync(actor, new ReturnStepRequest(id, body.StepId, body.Note), context.RequestAborted);
        }
        catch (DocSignProblem problem) when (problem.Kind == ProblemKind.NotFound)
        {
            // Outside any SOP run: the Camat returns the Sekcam's submission (the generic route).
            var document = await generic.HandleAsync(actor, id, body.Note, context.RequestAborted);
            return Results.Ok(new { route = "generic", returned = document.RouteReturn });
        }
        return Results.Ok(WorkflowDto.From(timeline));
    }

    private static async Task<IResult> FindingsAsync(Guid id, HttpContext context, GetTimelineHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var timeline = await handler.HandleAsync(actor, id, context.RequestAborted);
        return Results.Ok(new { findings = timeline.Instance.Findings.OrderBy(f => f.Number).Select(FindingDto.From) });
    }

    private static async Task<IResult> RecordFindingAsync(Guid id, HttpContext context, RecordFindingHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = (await ReadBodyAsync<FindingBody>(context))!;
        var finding = await handler.HandleAsync(actor, id, body.Text, context.RequestAborted);
        return Results.Created($"/api/documents/{id}/workflow/findings", FindingDto.From(finding));
    }

    private static async Task<IResult> AnswerFindingAsync(Guid id, Guid findingId, HttpContext context, AnswerFindingHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = (await ReadBodyAsync<AnswerBody>(context))!;
        var finding = await handler.HandleAsync(actor, new AnswerFindingRequest(id, findingId, body.VersionNumber, body.Note), context.RequestAborted);
        return Results.Ok(FindingDto.From(finding));
    }

    private static async Task<IResult> MyTasksAsync(HttpContext context, MyTasksHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var tasks = await handler.HandleAsync(actor, context.RequestAborted);
        return Results.Ok(new { tasks = tasks.Select(TaskDto.From) });
    }

    private static async Task<IResult> LateStepsAsync(string office, HttpContext context, LateStepsHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var late = await handler.HandleAsync(actor, office, context.RequestAborted);
        return Results.Ok(new { office = OfficeIds.Normalize(office), lateSteps = late.Select(TaskDto.From) });
    }

    private static async Task<IResult> StagesAsync(string office, HttpContext context, DocumentsByStageHandler handler, TimeProvider clock)
    {
        var actor = await CurrentActor.GetAsync(context);
        var groups = await handler.HandleAsync(actor, office, context.RequestAborted);
        var now = clock.GetUtcNow();
        return Results.Ok(new { office = OfficeIds.Normalize(office), stages = groups.Select(g => StageGroupDto.From(g, now)) });
    }

    private static async Task<IResult> OfficeSopAsync(string office, HttpContext context, GetOfficeSopHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        return Results.Ok(OfficeSopDto.From(await handler.HandleAsync(actor, office, context.RequestAborted)));
    }

    private static async Task<IResult> UpdateMappingAsync(string office, HttpContext context, UpdateRoleMappingHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = (await ReadBodyAsync<MappingBody>(context))!;
        var rows = body.Mapping?.Select(r => r is null ? null! : new RoleMappingEntry(r.SopRole!, r.OfficeRoles!, r.UserNames ?? [])).ToList();
        var view = await handler.HandleAsync(actor, office, rows, context.RequestAborted);
        return Results.Ok(OfficeSopDto.From(view));
    }

    private static async Task<IResult> AdoptAsync(string office, HttpContext context, AdoptTemplateHandler handler)
    {
        var actor = await CurrentActor.GetAsync(context);
        var body = (await ReadBodyAsync<AdoptBody>(context))!;
        return Results.Ok(OfficeSopDto.From(await handler.HandleAsync(actor, office, body.Template, context.RequestAborted)));
    }

    /// <summary>
    /// Reads a small JSON body with a clear 400 for anything malformed and a 413 for anything oversized, so that
    /// nobody can tie up the server with a huge or endless body.
    /// </summary>
    internal static async Task<T?> ReadBodyAsync<T>(HttpContext context, bool optional = false) where T : class
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
            throw new DocSignProblem(ProblemKind.TooLarge, "Isi permintaan terlalu besar.");
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw new DocSignProblem(ProblemKind.TooLarge, "Isi permintaan terlalu besar.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return optional ? null : throw DocSignProblem.Invalid("Kirim isi permintaan sebagai JSON.");
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw DocSignProblem.Invalid("Kirim isi permintaan sebagai JSON (Content-Type: application/json).");
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.ToArray(), Json) ?? throw DocSignProblem.Invalid("Isi permintaan JSON kosong.");
        }
        catch (JsonException)
        {
            throw DocSignProblem.Invalid("Isi permintaan bukan JSON yang benar untuk panggilan ini.");
        }
    }
}
