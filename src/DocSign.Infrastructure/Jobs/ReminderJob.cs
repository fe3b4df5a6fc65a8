using DocSign.Core.Reminders;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Runs the reminder use case on a schedule (a thin wrapper: the work and its once-only keys are in <see cref="SendRemindersHandler"/>).</summary>
public sealed class ReminderJob(SendRemindersHandler reminders) : IDocSignJob
{
    public async Task<string> RunAsync(Guid? subject, CancellationToken cancellationToken)
    {
        var result = await reminders.HandleAsync(cancellationToken);
        return $"{result.NoticesMade} pengingat dibuat, {result.EmailsSent} surel terkirim, {result.EmailsFailed} gagal";
    }
}
