using DocSign.Core.Calendar;
using DocSign.Core.Reminders;
using DocSign.Core.Signing;
using DocSign.Core.StandIns;
using DocSign.Web.Auth;

namespace DocSign.Web.Api;

/// <summary>
/// The bell (the signed-in person's notices), and an office's Plh./Plt. for its Camat: listed for its members and
/// admins, recorded and ended by an admin; who holds the Camat's authority on a day.
/// </summary>
internal static class YearEndpoints
{
    public static IEndpointRouteBuilder MapDocSignYear(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/notices").RequireAuthorization().DisableAntiforgery();
        me.MapGet("", async (HttpContext context, MyNoticesHandler handler) =>
            Results.Ok(NoticesDto.From(await handler.HandleAsync(await CurrentActor.GetAsync(context), context.RequestAborted))));
        me.MapPost("/{id:guid}/read", async (Guid id, HttpContext context, MarkNoticeReadHandler handler) =>
        {
            await handler.HandleAsync(await CurrentActor.GetAsync(context), id, context.RequestAborted);
            return Results.NoContent();
        });
        me.MapPost("/read-all", async (HttpContext context, MarkNoticeReadHandler handler) =>
        {
            await handler.HandleAsync(await CurrentActor.GetAsync(context), null, context.RequestAborted);
            return Results.NoContent();
        });

        var acting = app.MapGroup("/api/offices/{office}/acting").RequireAuthorization().DisableAntiforgery();
        acting.MapGet("", async (string office, HttpContext context, ListActingAssignmentsHandler handler) =>
            Results.Ok((await handler.HandleAsync(await CurrentActor.GetAsync(context), office, context.RequestAborted)).Select(ActingDto.Of)));
        acting.MapPost("", async (string office, HttpContext context, RecordActingAssignmentHandler handler) =>
        {
            var body = (await WorkflowEndpoints.ReadBodyAsync<ActingBody>(context))!;
            var a = await handler.HandleAsync(await CurrentActor.GetAsync(context),
                new RecordActingAssignmentRequest(office, body.UserName, body.Kind, body.DecreeNumber, body.DecreeDate, body.From, body.To), context.RequestAborted);
            return Results.Created($"/api/offices/{a.OfficeId}/acting", ActingDto.Of(a));
        });
        acting.MapPost("/{id:guid}/end", async (string office, Guid id, HttpContext context, EndActingAssignmentHandler handler) =>
            Results.Ok(ActingDto.Of(await handler.HandleAsync(await CurrentActor.GetAsync(context), office, id, context.RequestAborted))));

        app.MapGet("/api/offices/{office}/head", async (string office, string? date, HttpContext context, ListActingAssignmentsHandler access, HeadOfOffice head) =>
        {
            await access.HandleAsync(await CurrentActor.GetAsync(context), office, context.RequestAborted); // members and admins only
            var who = await head.OnAsync(office, CalendarEndpoints.Date(date), context.RequestAborted);
            return who is null ? Results.NoContent() : Results.Ok(new HeadDto(who.Capacity.ToWire(), who.Capacity.Prefix(), who.UserName, who.PersonName, who.Nip,
                who.DecreeNumber, who.DecreeDate, who.From, who.To));
        }).RequireAuthorization();
        var lkjip = app.MapGroup("/api/offices/{office}").RequireAuthorization().DisableAntiforgery();
        lkjip.MapGet("/lkjip-schedule", async (string office, int? year, HttpContext context, GetLkjipScheduleHandler handler) =>
            Results.Ok(ScheduleDto.Of(await handler.HandleAsync(await CurrentActor.GetAsync(context), office, year, context.RequestAborted))));
        lkjip.MapPut("/lkjip-deadline", async (string office, HttpContext context, SetLkjipDeadlineHandler handler, GetLkjipScheduleHandler schedule) =>
        {
            var actor = await CurrentActor.GetAsync(context);
            var body = (await WorkflowEndpoints.ReadBodyAsync<SetLkjipDeadlineRequest>(context))!;
            await handler.HandleAsync(actor, office, body, context.RequestAborted);
            return Results.Ok(ScheduleDto.Of(await schedule.HandleAsync(actor, office, null, context.RequestAborted)));
        });
        return app;
    }

    private sealed record StepPlanDto(string Id, int Number, string Text, string? Waktu, DateTimeOffset LatestStart, string Status, bool Behind);

    private sealed record ScheduleDto(string Office, int Year, DateOnly DueDate, string DueRule, DateTimeOffset DueAt, string Zone, int WorkingDaysLeft,
        bool Overdue, Guid? DocumentId, string? DocumentTitle, bool Completed, IReadOnlyList<StepPlanDto> Steps)
    {
        public static ScheduleDto Of(LkjipSchedule s) => new(s.OfficeId, s.Year, s.DueDate, s.DueRule, s.DueAt, s.Zone, s.WorkingDaysLeft, s.Overdue,
            s.DocumentId, s.DocumentTitle, s.Completed,
            s.Steps.Select(p => new StepPlanDto(p.Step.Id, p.Step.Number, p.Step.Text, p.Step.WaktuRaw, p.LatestStart, p.Status, p.Behind)).ToList());
    }

    private sealed record ActingBody(string? UserName, string? Kind, string? DecreeNumber, string? DecreeDate, string? From, string? To);

    private sealed record ActingDto(Guid Id, string Office, string Kind, string Prefix, string UserName, string PersonName, string DecreeNumber,
        DateOnly DecreeDate, DateOnly From, DateOnly To, string RecordedBy, DateTimeOffset RecordedAt, string? EndedBy, DateTimeOffset? EndedAt)
    {
        public static ActingDto Of(ActingAssignment a) => new(a.Id, a.OfficeId, a.Kind.ToWire(), a.Prefix, a.UserName, a.PersonName, a.DecreeNumber,
            a.DecreeDate, a.From, a.To, a.RecordedBy, a.RecordedAt, a.EndedBy, a.EndedAt);
    }

    private sealed record HeadDto(string Capacity, string? Prefix, string UserName, string Name, string? Nip, string? DecreeNumber, DateOnly? DecreeDate,
        DateOnly? From, DateOnly? To);

    private sealed record NoticeDto(Guid Id, string Kind, string Office, Guid DocumentId, string StepId, string Title, string Body, string Link,
        DateTimeOffset CreatedAt, bool Read);

    private sealed record NoticesDto(int Unread, IReadOnlyList<NoticeDto> Notices)
    {
        public static NoticesDto From(NoticeList list) => new(list.Unread, list.Latest.Select(n => new NoticeDto(n.Id, n.Kind, n.OfficeId, n.DocumentId,
            n.StepId, n.Title, n.Body, n.Link, n.CreatedAt, n.IsRead)).ToList());
    }
}
