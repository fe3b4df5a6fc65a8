using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;

namespace DocSign.Core.Calendar;

/// <summary>
/// What an admin sets for an office's working time. A field left null keeps its value; an empty string puts the
/// hours back to the default (Perpres 21/2023).
/// </summary>
public sealed record UpdateOfficeCalendarRequest(string? TimeZone = null, string? Hours = null, string? RamadanHours = null);

/// <summary>
/// Only an admin sets an office's time zone (WIB, WITA or WIT) and hours. Everything is checked before anything is
/// stored; the running steps' deadlines are counted again in the new calendar, and the change is audited.
/// </summary>
public sealed class UpdateOfficeCalendarHandler(
    ICalendarRepository calendars, IWorkflowRepository workflows, IDocumentRepository documents, OfficeCalendars built, IAuditTrail audit, TimeProvider clock)
{
    public async Task<int> HandleAsync(Actor actor, string? office, UpdateOfficeCalendarRequest request, CancellationToken cancellationToken = default)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat mengubah zona waktu dan jam kerja kantor.");
        var zone = request.TimeZone is null ? null : OfficeZones.Normalize(request.TimeZone)
            ?? throw DocSignProblem.Invalid("Zona waktu tidak dikenal; pilih WIB (Asia/Jakarta), WITA (Asia/Makassar) atau WIT (Asia/Jayapura).");
        if (zone is not null && OfficeZones.Find(zone) is null)
            throw DocSignProblem.Invalid($"Zona waktu {OfficeZones.Label(zone)} tidak tersedia di server ini. Hubungi admin server.");
        var hours = Hours(request.Hours, "Jam kerja");
        var ramadan = Hours(request.RamadanHours, "Jam kerja Ramadan");

        var settings = await WorkflowAccess.Database(() => calendars.FindSettingsAsync(officeId, cancellationToken));
        if (settings is null)
        {
            settings = new OfficeCalendarSettings(officeId);
            calendars.Add(settings);
        }
        if (zone is not null) settings.TimeZone = zone;
        if (request.Hours is not null) settings.Hours = hours;
        if (request.RamadanHours is not null) settings.RamadanHours = ramadan;
        settings.UpdatedBy = actor.UserName;
        settings.UpdatedAt = clock.GetUtcNow();

        var regional = await WorkflowAccess.Database(() => calendars.ListRegionalDaysAsync(officeId, cancellationToken));
        var changed = await built.RescheduleRunningAsync(workflows, officeId, built.Build(settings, regional), clock.GetUtcNow(), cancellationToken);
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId,
            Detail = $"Kalender kerja: zona {OfficeZones.Label(settings.TimeZone)}, jam {settings.Hours ?? "bawaan"}, Ramadan {settings.RamadanHours ?? "bawaan"}; {changed} tenggat dihitung ulang",
        });
        await WorkflowAccess.SaveAsync(workflows, cancellationToken);
        return changed;
    }

    /// <summary>Null: unchanged; empty: back to the default; otherwise checked and written in the canonical form.</summary>
    private static string? Hours(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!WeeklyHours.TryParse(text, out var hours, out var problem)) throw DocSignProblem.Invalid($"{what}: {problem}");
        return hours!.ToString();
    }
}
