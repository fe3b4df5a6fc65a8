using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;

namespace DocSign.Core.Calendar;

/// <summary><c>PUT /api/offices/{office}/lkjip-deadline</c>: the month of the following year and the day (none: the month's last day).</summary>
public sealed record SetLkjipDeadlineRequest(int? Month, int? Day);

/// <summary>Only an admin sets an office's LKjIP due date; checked before anything is saved, and audited.</summary>
public sealed class SetLkjipDeadlineHandler(ILkjipDeadlines deadlines, IDocumentRepository documents, IAuditTrail audit, TimeProvider clock)
{
    public async Task<LkjipDeadlineSetting> HandleAsync(Actor actor, string? office, SetLkjipDeadlineRequest request, CancellationToken cancellationToken = default)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat mengubah tenggat LKjIP kantor.");
        if (request.Month is not (>= 1 and <= 12)) throw DocSignProblem.Invalid("Bulan tenggat harus 1 sampai 12 (bulan pada tahun berikutnya).");
        if (request.Day is { } d && (d < 1 || d > DateTime.DaysInMonth(2027, request.Month.Value)))
            throw DocSignProblem.Invalid($"Tanggal tenggat harus 1 sampai {DateTime.DaysInMonth(2027, request.Month.Value)}, atau dikosongkan untuk akhir bulan.");
        var setting = await DatabaseGuard.RunAsync(() => deadlines.FindAsync(officeId, cancellationToken));
        if (setting is null) deadlines.Add(setting = new LkjipDeadlineSetting(officeId));
        setting.DueMonth = request.Month.Value;
        setting.DueDay = request.Day;
        setting.UpdatedBy = actor.UserName;
        setting.UpdatedAt = clock.GetUtcNow();
        audit.Record(new AuditEvent(AuditActions.AdminChange)
        {
            OfficeId = officeId, Detail = $"tenggat LKjIP: {LkjipDeadlineSetting.Describe(setting)} tahun berikutnya",
        });
        await DatabaseGuard.RunAsync(() => deadlines.SaveAsync(cancellationToken));
        return setting;
    }
}
