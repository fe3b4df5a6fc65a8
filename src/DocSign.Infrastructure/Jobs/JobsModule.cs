using DocSign.Core.Archive;
using DocSign.Core.Jobs;
using DocSign.Core.Letters;
using DocSign.Core.Storage;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// The background jobs (<c>DocSign:Jobs</c>), every one a <see cref="RecordedJob"/> so the admin's jobs list shows
/// its runs and last error: Quartz with its store in DocSign's database (clustered on PostgreSQL, so several
/// instances share the work and take over a dead one's job).
/// </summary>
public static class JobsModule
{
    public static IServiceCollection AddDocSignJobs(this IServiceCollection services, IConfiguration configuration, DatabaseSetup database)
    {
        var sweeper = configuration.GetSection(SweeperOptions.Section).Get<SweeperOptions>() ?? new SweeperOptions();
        var letters = configuration.GetSection(LetterOptions.Section).Get<LetterOptions>() ?? new LetterOptions();
        var archive = configuration.GetSection(ArchiveOptions.Section).Get<ArchiveOptions>() ?? new ArchiveOptions();
        var workflow = configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>() ?? new WorkflowOptions();
        // Scheduler rows in the database are keyed by this name; tests give each host its own (instances that
        // share the work share the name).
        var schedulerName = configuration["DocSign:Jobs:SchedulerName"] ?? "DocSign";
        var checkin = configuration.GetValue<TimeSpan?>("DocSign:Jobs:ClusterCheckinInterval") ?? TimeSpan.FromSeconds(10);
        services.AddSingleton<JobStatusReader>();
        services.AddSingleton<IJobDirectory>(sp => sp.GetRequiredService<JobStatusReader>());
        services.AddQuartz(schedulerName, q =>
        {
            // Scheduling runs on the real clock; the domain clock (TimeProvider in the container, a fake one in tests)
            // decides letter dates, years and retention, not when jobs fire.
            q.UseTimeProvider(TimeProvider.System);
            q.UsePersistentStore(s =>
            {
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    s.UsePostgres(database.ConnectionString);
                    // Several DocSign instances share the jobs; a job a dead instance was running (RequestRecovery)
                    // is taken over by another once the dead one misses its check-ins. Each instance gets its own
                    // generated instance id (UseClustering asks for it).
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = checkin;
                        c.CheckinMisfireThreshold = checkin * 2;
                    });
                }
                else s.UseSqlite(database.ConnectionString);
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
            });
            Every<OrphanSweepJob>(q, OrphanSweepJob.Key, sweeper.Interval, "Menghapus objek penyimpanan yatim (tanpa baris basis data)", firstRunAfterInterval: true);
            Every<OverdueStepsJob>(q, OverdueStepsJob.Key, workflow.OverdueCheckInterval, "Menandai langkah SOP yang melewati tenggat", firstRunAfterInterval: true);
            var reminders = configuration.GetSection(DocSign.Core.Reminders.ReminderOptions.Section).Get<DocSign.Core.Reminders.ReminderOptions>() ?? new DocSign.Core.Reminders.ReminderOptions();
            Every<ReminderJob>(q, ReminderJob.Key, reminders.Interval, "Mengirim pengingat langkah SOP yang mendekati atau melewati tenggat (lonceng dan surel)", firstRunAfterInterval: true);
            Every<CoverLetterJob>(q, CoverLetterJob.Key, letters.CoverLetterPollInterval, "Membuat surat pengantar untuk dokumen yang sudah ditandatangani");
            Every<ArchiveJob>(q, ArchiveJob.Key, archive.ArchivePollInterval, "Menyalin dokumen dan surat pengantar yang sudah dikirim ke arsip");
            Every<ArchiveIntegrityJob>(q, ArchiveIntegrityJob.Key, archive.IntegrityInterval, "Memeriksa ulang SHA-256 setiap objek arsip");
            var audit = configuration.GetSection(AuditChainOptions.Section).Get<AuditChainOptions>() ?? new AuditChainOptions();
            Every<AuditAnchorJob>(q, AuditAnchorJob.Key, audit.AnchorInterval, "Menjangkarkan kepala jejak audit di luar basis data (stempel waktu dan ekspor ke arsip)");
            Every<ArchiveRenewalJob>(q, ArchiveRenewalJob.Key, archive.RenewalInterval, "Menambahkan stempel waktu dokumen baru (B-LTA) pada arsip yang mendekati kedaluwarsa");
        });
        services.AddQuartzHostedService(schedulerName, o => o.WaitForJobsToComplete = false);
        return services;
    }

    /// <summary>
    /// A repeating job that a surviving instance re-runs if the one running it dies (RequestRecovery). Its trigger is
    /// <c>{name}-trigger</c> in the job's group; the first run comes after at most 5 s, or after a whole interval for
    /// housekeeping that need not run at start.
    /// </summary>
    private static void Every<TJob>(IQuartzBuilder q, JobKey key, TimeSpan interval, string description, bool firstRunAfterInterval = false) where TJob : IJob =>
        q.ScheduleJob<TJob>(
            t => t.WithIdentity(key.Name + "-trigger", key.Group)
                .StartAt(DateTimeOffset.UtcNow + (firstRunAfterInterval ? interval : TimeSpan.FromSeconds(Math.Min(interval.TotalSeconds, 5))))
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
            j => j.WithIdentity(key).WithDescription(description).RequestRecovery().StoreDurably());
}
