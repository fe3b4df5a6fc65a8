using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;

namespace DocSign.Core.Calendar;

/// <summary>
/// An admin adds a hari libur daerah to one office. The date must be a plain date within the years DocSign counts,
/// not already a regional day of the office; the name is required. The office's running steps are rescheduled in
/// the same transaction, so a deadline that fell on the day moves past it; the change is audited.
/// </summary>
public sealed class AddRegionalDayHandler(
    ICalendarRepository calendars, IWorkflowRepository workflows, IDocumentRepository documents, OfficeCalendars built, IAuditTrail audit, TimeProvider clock)
{
    public async Task<RegionalHoliday> HandleAsync(Actor actor, string? office, DateOnly date, string? name, CancellationToken cancellationToken = default)
    {
        var officeId = await RegionalDayAccess.RequireAdminAsync(documents, actor, office, cancellationToken);
        if (date.Year is < 2000 or > 2100) throw DocSignProblem.Invalid("Tanggal hari libur daerah harus antara tahun 2000 dan 2100.");
        var text = name?.Trim() ?? "";
        if (text.Length == 0) throw DocSignProblem.Invalid("Tulis nama hari libur daerah, misalnya 'Hari Jadi Kabupaten'.");
        if (text.Length > RegionalHoliday.MaxNameLength) throw DocSignProblem.Invalid($"Nama hari libur daerah paling banyak {RegionalHoliday.MaxNameLength} karakter.");
        var existing = await WorkflowAccess.Database(() => calendars.ListRegionalDaysAsync(officeId, cancellationToken));
        if (existing.Any(d => d.Date == date)) throw new DocSignProblem(ProblemKind.Conflict, $"Tanggal {date:yyyy-MM-dd} sudah menjadi hari libur daerah kantor ini.");

        var day = new RegionalHoliday(Guid.NewGuid(), officeId, date, text, actor.UserName, clock.GetUtcNow());
        calendars.Add(day);
        var settings = await WorkflowAccess.Database(() => calendars.FindSettingsAsync(officeId, cancellationToken));
        var changed = await built.RescheduleRunningAsync(workflows, officeId, built.Build(settings, existing.Append(day)), clock.GetUtcNow(), cancellationToken);
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId, Detail = $"Hari libur daerah ditambahkan: {date:yyyy-MM-dd} {text}; {changed} tenggat dihitung ulang",
        });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        return day;
    }
}

internal static class RegionalDayAccess
{
    public static async Task<string> RequireAdminAsync(IDocumentRepository documents, Actor actor, string? office, CancellationToken cancellationToken)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat mengatur hari libur daerah.");
        return officeId;
    }
}
