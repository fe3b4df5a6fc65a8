using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;

namespace DocSign.Core.Calendar;

/// <summary>An admin removes one of an office's regional days; the running steps are rescheduled and the change audited.</summary>
public sealed class RemoveRegionalDayHandler(
    ICalendarRepository calendars, IWorkflowRepository workflows, IDocumentRepository documents, OfficeCalendars built, IAuditTrail audit, TimeProvider clock)
{
    public async Task HandleAsync(Actor actor, string? office, DateOnly date, CancellationToken cancellationToken = default)
    {
        var officeId = await RegionalDayAccess.RequireAdminAsync(documents, actor, office, cancellationToken);
        var existing = await WorkflowAccess.Database(() => calendars.ListRegionalDaysAsync(officeId, cancellationToken));
        var day = existing.FirstOrDefault(d => d.Date == date)
            ?? throw DocSignProblem.NotFound($"Tanggal {date:yyyy-MM-dd} bukan hari libur daerah kantor ini.");
        calendars.Remove(day);
        var settings = await WorkflowAccess.Database(() => calendars.FindSettingsAsync(officeId, cancellationToken));
        var changed = await built.RescheduleRunningAsync(workflows, officeId, built.Build(settings, existing.Where(d => d != day)), clock.GetUtcNow(), cancellationToken);
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId, Detail = $"Hari libur daerah dihapus: {date:yyyy-MM-dd} {day.Name}; {changed} tenggat dihitung ulang",
        });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
    }
}
