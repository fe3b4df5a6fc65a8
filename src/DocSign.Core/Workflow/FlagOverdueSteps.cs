using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Calendar;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

/// <summary>
/// Flags the current steps that passed their deadline (run by a scheduled job). Before flagging, a step's deadline is
/// counted again in its office's calendar as it is now (time zone, hours, national days and the office's regional
/// days), so a day off added after the step started moves the deadline instead of flagging it. Each overdue step is
/// flagged and logged once; the flag clears when the step is done or returned.
/// </summary>
public sealed class FlagOverdueStepsHandler(
    IWorkflowRepository workflows, OfficeCalendars calendars, IAuditTrail audit, TimeProvider clock, ILogger<FlagOverdueStepsHandler> logger)
{
    public const int BatchSize = 500;

    /// <summary>Returns how many steps were flagged.</summary>
    public async Task<int> HandleAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = await workflows.ListUnflaggedOverdueAsync(now, BatchSize, cancellationToken);
        var flagged = 0;
        var rescheduled = 0;
        foreach (var instance in due)
        {
            var calendar = await calendars.ForOfficeAsync(instance.OfficeId, cancellationToken);
            if (await SopCatalog.FindAsync(workflows, instance.TemplateKey, cancellationToken) is { } sop && instance.Reschedule(sop, calendar, now))
                rescheduled++;
            var time = new Calendar.OfficeTime(calendar.Zone);
            if (!instance.FlagOverdue(now, time)) continue;
            flagged++;
            audit.Record(new AuditEvent(AuditActions.StepOverdue)
            {
                OfficeId = instance.OfficeId, DocumentId = instance.DocumentId, ActorName = SystemActor.Name,
                Detail = $"Langkah {instance.CurrentStepId} melewati batas waktu {time.Text(instance.StepDeadline)}",
            });
            logger.LogWarning("Workflow step {Step} of document {DocumentId} ({Office}) is past its deadline {Deadline}",
                instance.CurrentStepId, instance.DocumentId, instance.OfficeId, instance.StepDeadline);
        }
        if (flagged + rescheduled > 0) await workflows.SaveAsync(cancellationToken);
        return flagged;
    }
}
