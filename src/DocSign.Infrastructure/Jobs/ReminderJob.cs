using DocSign.Core.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DocSign.Infrastructure.Jobs;

/// <summary>Runs the reminder use case on a schedule (a thin wrapper: the work and its idempotence are in <see cref="SendRemindersHandler"/>).</summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, ILogger<ReminderJob> logger) : RecordedJob(scopes, logger)
{
    public static readonly JobKey Key = new("reminders", "workflow");

    protected override async Task<string> RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SendRemindersHandler>().HandleAsync(cancellationToken);
        return $"{result.NoticesMade} pengingat dibuat, {result.EmailsSent} surel terkirim, {result.EmailsFailed} gagal";
    }
}
