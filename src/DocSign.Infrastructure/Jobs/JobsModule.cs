using DocSign.Core.Archive;
using DocSign.Core.Jobs;
using DocSign.Core.Letters;
using DocSign.Core.Storage;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// The background jobs (<c>DocSign:Jobs</c>) on Hangfire: each one a thin <see cref="IDocSignJob"/> over a Core use
/// case, recorded in DocSign's database (<see cref="JobRecords"/>; the admin's jobs list) and swept on a schedule;
/// the surat pengantar and the archive copies are also enqueued when their cause is saved (<see cref="JobCauses"/>).
/// </summary>
public static class JobsModule
{
    public static IServiceCollection AddDocSignJobs(this IServiceCollection services, IConfiguration configuration, DatabaseSetup database)
    {
        T Section<T>(string section) where T : new() => configuration.GetSection(section).Get<T>() ?? new T();
        var sweeper = Section<SweeperOptions>(SweeperOptions.Section);
        var letters = Section<LetterOptions>(LetterOptions.Section);
        var archive = Section<ArchiveOptions>(ArchiveOptions.Section);
        var workflow = Section<WorkflowOptions>(WorkflowOptions.Section);
        var audit = Section<AuditChainOptions>(AuditChainOptions.Section);
        var reminders = Section<DocSign.Core.Reminders.ReminderOptions>(DocSign.Core.Reminders.ReminderOptions.Section);

        // One line per job: its class, name and group (the jobs list), how often it sweeps, what it does.
        var jobs = new JobCatalog(services)
            .Every<CoverLetterJob>("surat-pengantar", "letters", letters.CoverLetterPollInterval, "Membuat surat pengantar untuk dokumen yang sudah ditandatangani")
            .Every<ArchiveJob>("arsip", "archive", archive.ArchivePollInterval, "Menyalin dokumen dan surat pengantar yang sudah dikirim ke arsip")
            .Every<ArchiveIntegrityJob>("integritas-arsip", "archive", archive.IntegrityInterval, "Memeriksa ulang SHA-256 setiap objek arsip")
            .Every<ArchiveRenewalJob>("pembaruan-stempel-waktu", "archive", archive.RenewalInterval, "Menambahkan stempel waktu dokumen baru (B-LTA) pada arsip yang mendekati kedaluwarsa")
            .Every<AuditAnchorJob>("audit-anchor", "audit", audit.AnchorInterval, "Menjangkarkan kepala jejak audit di luar basis data (stempel waktu dan ekspor ke arsip)")
            .Every<OverdueStepsJob>("overdue-steps", "workflow", workflow.OverdueCheckInterval, "Menandai langkah SOP yang melewati tenggat")
            .Every<ReminderJob>("reminders", "workflow", reminders.Interval, "Mengirim pengingat langkah SOP yang mendekati atau melewati tenggat (lonceng dan surel)")
            .Every<OrphanSweepJob>("orphan-sweep", "storage", sweeper.Interval, "Menghapus objek penyimpanan yatim (tanpa baris basis data)");

        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        services.AddSingleton(jobs);
        services.AddSingleton<JobRecords>();
        services.AddScoped<JobRunner>();
        // Built on first use: a host that never enqueues or runs a job (a schema tool) never connects to the store.
        services.AddSingleton(sp =>
        {
            HangfireLogs.Use(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
            return JobStores.Create(database, sp.GetRequiredService<IOptions<JobsOptions>>().Value);
        });
        services.AddSingleton<IJobQueue>(sp => new HangfireJobQueue(jobs,
            new Lazy<IBackgroundJobClient>(() => new BackgroundJobClient(sp.GetRequiredService<JobStorage>())),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<HangfireJobQueue>>()));
        // Hangfire's own services (the dashboard asks for them); they keep the storage registered above.
        services.AddHangfire((sp, c) => c.UseLogProvider(HangfireLogs.Instance));
        services.AddSingleton<JobCauses>();
        services.AddSingleton<JobStatusReader>();
        services.AddSingleton<IJobDirectory>(sp => sp.GetRequiredService<JobStatusReader>());
        if (!(configuration.GetSection(JobsOptions.Section).Get<JobsOptions>()?.Disabled ?? false))
            services.AddHostedService<JobServer>();
        return services;
    }
}
