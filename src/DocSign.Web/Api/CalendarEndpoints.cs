using System.Globalization;
using DocSign.Core.Calendar;
using DocSign.Core.Problems;
using DocSign.Web.Auth;

namespace DocSign.Web.Api;

/// <summary>
/// An office's working calendar: read by its members and admins; zone, hours and regional days set by an admin.
/// </summary>
internal static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapDocSignCalendar(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/offices/{office}/calendar").RequireAuthorization().DisableAntiforgery();
        api.MapGet("", async (string office, int? year, HttpContext context, GetOfficeCalendarHandler handler) =>
            Results.Ok(CalendarDto.From(await handler.HandleAsync(await CurrentActor.GetAsync(context), office, year, context.RequestAborted))));
        api.MapPut("", async (string office, HttpContext context, UpdateOfficeCalendarHandler handler, GetOfficeCalendarHandler get) =>
        {
            var actor = await CurrentActor.GetAsync(context);
            var body = (await WorkflowEndpoints.ReadBodyAsync<UpdateOfficeCalendarRequest>(context))!;
            await handler.HandleAsync(actor, office, body, context.RequestAborted);
            return Results.Ok(CalendarDto.From(await get.HandleAsync(actor, office, null, context.RequestAborted)));
        });
        api.MapPost("/regional-days", async (string office, HttpContext context, AddRegionalDayHandler handler) =>
        {
            var actor = await CurrentActor.GetAsync(context);
            var body = (await WorkflowEndpoints.ReadBodyAsync<RegionalDayBody>(context))!;
            var day = await handler.HandleAsync(actor, office, Date(body.Date), body.Name, context.RequestAborted);
            return Results.Created($"/api/offices/{day.OfficeId}/calendar?year={day.Date.Year}", new DayDto(day.Date, "regional", day.Name, false, $"ditetapkan kantor ({day.AddedBy})"));
        });
        api.MapDelete("/regional-days/{date}", async (string office, string date, HttpContext context, RemoveRegionalDayHandler handler) =>
        {
            await handler.HandleAsync(await CurrentActor.GetAsync(context), office, Date(date), context.RequestAborted);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>A date as <c>yyyy-MM-dd</c>; anything else is refused with a clear message.</summary>
    internal static DateOnly Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw DocSignProblem.Invalid("Tanggal harus ditulis seperti 2026-04-17 (tahun-bulan-tanggal).");

    private sealed record RegionalDayBody(string? Date, string? Name);

    private sealed record DayDto(DateOnly Date, string Kind, string Name, bool Provisional, string Source)
    {
        public static DayDto From(DayOff d) => new(d.Date, d.Kind switch
        {
            DayOffKind.NationalHoliday => "national-holiday",
            DayOffKind.CollectiveLeave => "cuti-bersama",
            _ => "regional",
        }, d.Name, d.Provisional, d.Source);
    }

    private sealed record DecreeDto(string Number, DateOnly SignedOn, string About);

    private sealed record RamadanDto(DateOnly From, DateOnly To, bool Provisional, string Source);

    private sealed record CalendarDto(
        string Office, int Year, string TimeZone, string Zone, string Hours, string RamadanHours, bool OwnHours, bool OwnRamadanHours,
        bool Provisional, string? Note, IReadOnlyList<DecreeDto> Decrees, RamadanDto? Ramadan, IReadOnlyList<DayDto> Days, IReadOnlyList<int> Years)
    {
        public static CalendarDto From(OfficeCalendarView v) => new(v.OfficeId, v.Year, v.TimeZone, v.ZoneLabel, v.Hours, v.RamadanHours, v.OwnHours,
            v.OwnRamadanHours, v.National?.Provisional ?? true, v.National is null ? "Tidak ada data hari libur nasional untuk tahun ini." : v.National.Note,
            v.National?.Decrees.Select(d => new DecreeDto(d.Number, d.SignedOn, d.About)).ToList() ?? [],
            v.National?.Ramadan is { } r ? new RamadanDto(r.From, r.To, r.Provisional, r.Source) : null,
            v.Days.Select(DayDto.From).ToList(), v.Years);
    }
}
