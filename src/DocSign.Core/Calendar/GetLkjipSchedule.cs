using DocSign.Core.Access;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;

namespace DocSign.Core.Calendar;

/// <summary>One SOP step on the way to the LKjIP's due date: when it must start at the latest, and where the document stands.</summary>
/// <param name="Status">done, current or pending.</param>
/// <param name="Behind">For the current step: it started later than it had to (the due date is at risk).</param>
public sealed record LkjipStepPlan(SopStep Step, DateTimeOffset LatestStart, string Status, bool Behind);

/// <summary>How far an office is from its LKjIP deadline, in its own calendar and zone, and when each remaining step must start.</summary>
public sealed record LkjipSchedule(
    string OfficeId,
    int Year,
    DateOnly DueDate,
    string DueRule,
    DateTimeOffset DueAt,
    string Zone,
    int WorkingDaysLeft,
    bool Overdue,
    Guid? DocumentId,
    string? DocumentTitle,
    bool Completed,
    IReadOnlyList<LkjipStepPlan> Steps);

/// <summary>
/// The LKjIP deadline per office for the dashboard: the due date of year N's report (<see cref="LkjipDeadlineSetting"/>),
/// working days left on the office's calendar in its zone, and, counting backwards from the due time through each
/// step's Waktu on that calendar (days off, cuti bersama, Ramadan hours), when each step must start at the latest.
/// The year is the report in preparation: last year's until its due date has passed, then this year's.
/// </summary>
public sealed class GetLkjipScheduleHandler(
    ILkjipDeadlines deadlines,
    IWorkflowRepository workflows,
    IDocumentRepository documents,
    OfficeCalendars calendars,
    TimeProvider clock)
{
    public const string ReportKind = "lkjip";

    /// <summary>The offices the actor may see (his own; every office for an admin), each with its schedule.</summary>
    public async Task<IReadOnlyList<LkjipSchedule>> ForDashboardAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var offices = actor.IsAdministrator
            ? await DatabaseGuard.RunAsync(() => deadlines.ListOfficeIdsAsync(cancellationToken))
            : actor.Memberships.Select(m => m.OfficeId).Distinct().Order(StringComparer.Ordinal).ToList();
        var result = new List<LkjipSchedule>();
        foreach (var office in offices) result.Add(await ScheduleAsync(office, null, cancellationToken));
        return result;
    }

    public async Task<LkjipSchedule> HandleAsync(Actor actor, string? office, int? year, CancellationToken cancellationToken = default)
    {
        var officeId = await OfficeAccess.RequireMemberOrAdminAsync(documents, actor, office, cancellationToken);
        if (year is < 2000 or > 2100) throw DocSignProblem.Invalid("Tahun laporan harus antara 2000 dan 2100.");
        return await ScheduleAsync(officeId, year, cancellationToken);
    }

    private async Task<LkjipSchedule> ScheduleAsync(string officeId, int? askedYear, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var calendar = await calendars.ForOfficeAsync(officeId, cancellationToken);
        var setting = await DatabaseGuard.RunAsync(() => deadlines.FindAsync(officeId, cancellationToken));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.Zone).DateTime);
        var year = askedYear ?? (today <= LkjipDeadlineSetting.DueDate(setting, today.Year - 1) ? today.Year - 1 : today.Year);
        var dueDate = LkjipDeadlineSetting.DueDate(setting, year);
        var dueAt = BackwardSchedule.EndOfWorkOnOrBefore(calendar, dueDate);

        // The office's report of that year (the most advanced run), and its SOP.
        var mapping = await DatabaseGuard.RunAsync(() => workflows.FindOfficeWorkflowAsync(officeId, cancellationToken));
        var runs = await DatabaseGuard.RunAsync(() => workflows.ListAsync([officeId], runningOnly: false, DocumentsByStageHandler.MaxDocuments, cancellationToken));
        var report = runs.Where(r => r.Year == year && string.Equals(r.Kind, ReportKind, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.Instance.Status == WorkflowStatus.Completed).ThenByDescending(r => r.Instance.CurrentStepIndex).FirstOrDefault();
        var sop = SopTemplateLoader.Find(report?.Instance.TemplateKey ?? mapping?.TemplateKey);
        var plans = new List<LkjipStepPlan>();
        if (sop is not null)
        {
            var current = report?.Instance.Status == WorkflowStatus.Completed ? sop.Steps.Count : report?.Instance.CurrentStepIndex ?? 0;
            var latest = new DateTimeOffset[sop.Steps.Count];
            var end = dueAt;
            for (var i = sop.Steps.Count - 1; i >= 0; i--) end = latest[i] = BackwardSchedule.LatestStart(calendar, sop.Steps[i].Waktu, end);
            for (var i = 0; i < sop.Steps.Count; i++)
            {
                var status = i < current ? "done" : i == current && report is not null ? "current" : "pending";
                var behind = status == "current" ? report!.Instance.StepStartedAt > latest[i] : status == "pending" && now > latest[i];
                plans.Add(new LkjipStepPlan(sop.Steps[i], latest[i], status, behind));
            }
        }
        var completed = report?.Instance.Status == WorkflowStatus.Completed;
        return new LkjipSchedule(officeId, year, dueDate, LkjipDeadlineSetting.Describe(setting), dueAt, OfficeZones.Label(calendar.Zone.Id),
            BackwardSchedule.WorkingDaysLeft(calendar, now, dueDate), !completed && now > dueAt, report?.Instance.DocumentId, report?.Title, completed, plans);
    }
}
