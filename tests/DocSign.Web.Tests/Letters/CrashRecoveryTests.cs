using System.Diagnostics;
using DocSign.Testing.Documents;
using DocSign.Core.Letters;
using DocSign.Infrastructure;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using DocSign.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DocSign.Web.Tests.Letters;

/// <summary>
/// kill -9 in the middle of a surat pengantar job, with real processes: the service (DocSign.Web, started as a child
/// process on a free port) takes the number, then dies before the letter is stored. After a restart (SQLite: Hangfire
/// in memory, the job is gone with the process and the sweep makes it good), or on a second instance that takes the
/// job over (Hangfire on PostgreSQL: the sweep, once the dead one's lease ran out), the document ends with exactly one letter and the register with exactly one number.
/// Two instances on one PostgreSQL run each enqueued job once per cause. The times from kill to letter are printed
/// (README, "Jobs on Hangfire").
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sqlite_killed_during_the_cover_letter_job_and_restarted_ends_with_one_letter_and_one_number()
    {
        var data = TestEnvironment.NewTempDirectory("crash");
        var settings = Settings(data, postgres: null);
        using (var first = await StartAsync(settings, delay: HoldsTheJob))
        {
            await using var direct = Direct(settings);
            await SignedDocuments.NumberOnSigningAsync(direct, "candipuro");
            var (documentId, _) = await SignedDocuments.CreateSignedAsync(direct, "candipuro", "LKjIP Kecamatan Candipuro Tahun 2025");
            await WaitAsync(direct, documentId, LetterStatus.Reserved, first);
            first.Kill9();
            await ShouldBeOneAsync(direct, documentId, LetterStatus.Reserved);

            var killed = Stopwatch.StartNew();
            using var second = await StartAsync(settings, delay: TimeSpan.Zero);
            await WaitAsync(direct, documentId, LetterStatus.Issued, second);
            output.WriteLine($"SQLite: restart to issued letter {killed.Elapsed.TotalSeconds:0.0} s (process start included; sweep lease {settings["DocSign:Jobs:SweepLease"]})");
            await second.WaitForJobRunsAsync(CoverLetterJob, 2);   // a few more runs of the job change nothing
            await ShouldBeOneAsync(direct, documentId, LetterStatus.Issued);
        }
    }

    [Fact]
    public async Task Postgres_instance_killed_during_the_job_is_taken_over_by_the_other_with_one_letter_and_one_number()
    {
        await using var database = await PostgresDatabase.CreateAsync("crash");
        var settings = Settings(TestEnvironment.NewTempDirectory("crash-pg"), database.ConnectionString);
        settings["DocSign:Archive:ArchivePollInterval"] = "00:00:01";   // a job the second instance runs meanwhile
        using var first = await StartAsync(settings, delay: HoldsTheJob);
        await using var direct = Direct(settings);
        await SignedDocuments.NumberOnSigningAsync(direct, "lumajang");
        var (documentId, _) = await SignedDocuments.CreateSignedAsync(direct, "lumajang", "Laporan Kinerja Kecamatan Lumajang Tahun 2025");
        await WaitAsync(direct, documentId, LetterStatus.Reserved, first);
        // The second instance is up while the first still holds the sweep's lease (renewed while it runs).
        using var second = await StartAsync(settings, delay: TimeSpan.Zero);
        // Two more runs of another job in the cluster (on either instance): the second instance has had its rounds,
        // and the cover-letter sweep was due in each, yet it has not taken the letter over from the living first.
        const string archiveRan = "Job archive.arsip ran";
        var runs = first.Count(l => l.Contains(archiveRan)) + second.Count(l => l.Contains(archiveRan));
        await Wait.UntilAsync(() => first.Count(l => l.Contains(archiveRan)) + second.Count(l => l.Contains(archiveRan)) >= runs + 2,
            TimeSpan.FromSeconds(120), () => "two more runs of the archive job:\n" + second.Output);
        await ShouldBeOneAsync(direct, documentId, LetterStatus.Reserved);
        first.Kill9();
        var killed = Stopwatch.StartNew();
        await WaitAsync(direct, documentId, LetterStatus.Issued, second);
        output.WriteLine($"PostgreSQL: kill -9 to issued letter on the other instance {killed.Elapsed.TotalSeconds:0.0} s (sweep lease {settings["DocSign:Jobs:SweepLease"]}, sweep every 1 s)");
        await second.WaitForJobRunsAsync(CoverLetterJob, 2);
        await ShouldBeOneAsync(direct, documentId, LetterStatus.Issued);
    }

    [Fact]
    public async Task Postgres_instance_killed_while_it_runs_an_enqueued_job_hands_that_job_to_the_other_after_the_invisibility_timeout()
    {
        await using var database = await PostgresDatabase.CreateAsync("invisible");
        var settings = Settings(TestEnvironment.NewTempDirectory("invisible"), database.ConnectionString);
        settings["DocSign:Letters:CoverLetterPollInterval"] = "1.00:00:00";   // no sweep: only Hangfire's own hand-over can make it good
        settings["DocSign:Jobs:InvisibilityTimeout"] = "00:00:30";
        using var first = await StartAsync(settings, delay: HoldsTheJob);
        await using var direct = Direct(settings);
        await SignedDocuments.NumberOnSigningAsync(direct, "lumajang");
        var (documentId, _) = await SignedDocuments.CreateSignedAsync(direct, "lumajang", "Laporan Kinerja Kecamatan Lumajang Tahun 2025");
        await WaitAsync(direct, documentId, LetterStatus.Reserved, first);
        var monitoring = direct.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        string? jobId = null, holder = null;
        await Wait.UntilAsync(() =>
        {
            var held = monitoring.ProcessingJobs(0, 100).FirstOrDefault(j => j.Value.Job?.Args[0] as string == "surat-pengantar"
                                                                             && j.Value.Job.Args[1] as Guid? == documentId);
            (jobId, holder) = (held.Key, held.Value?.ServerId);
            return jobId is not null;
        }, TimeSpan.FromSeconds(120), () => "the first instance processing the job:\n" + first.Output);

        first.Kill9();
        var killed = Stopwatch.StartNew();
        using var second = await StartAsync(settings, delay: TimeSpan.Zero);
        await WaitAsync(direct, documentId, LetterStatus.Issued, second, TimeSpan.FromMinutes(5));
        output.WriteLine($"PostgreSQL: kill -9 to issued letter through Hangfire's hand-over {killed.Elapsed.TotalSeconds:0.0} s " +
                         $"(second instance started after the kill; invisibility timeout {settings["DocSign:Jobs:InvisibilityTimeout"]})");

        // Hangfire's own record of that one job: processing on the killed server, then on another, then succeeded.
        await Wait.UntilAsync(() => monitoring.JobDetails(jobId).History.Any(h => h.StateName == "Succeeded"),
            TimeSpan.FromSeconds(120), () => "the handed-over job succeeded:\n" + second.Output);
        var processing = monitoring.JobDetails(jobId).History.Where(h => h.StateName == "Processing")   // newest first
            .Select(h => h.Data["ServerId"]).ToList();
        processing.ShouldContain(holder);
        processing[0].ShouldNotBe(holder, "the job ran to success on the other instance");
        await ShouldBeOneAsync(direct, documentId, LetterStatus.Issued);
    }

    [Fact]
    public async Task Two_instances_on_one_Postgres_run_each_enqueued_job_once_per_signature()
    {
        await using var database = await PostgresDatabase.CreateAsync("once");
        var settings = Settings(TestEnvironment.NewTempDirectory("once"), database.ConnectionString);
        settings["DocSign:Letters:CoverLetterPollInterval"] = "1.00:00:00";   // no sweep: each letter only from its cause
        using var first = await StartAsync(settings, delay: TimeSpan.Zero);
        using var second = await StartAsync(settings, delay: TimeSpan.Zero);
        await using var direct = Direct(settings);
        // Only offices that number on signing get their letter from the job (the others make it at their SOP step).
        await SignedDocuments.NumberOnSigningAsync(direct, "lumajang");
        await SignedDocuments.NumberOnSigningAsync(direct, "candipuro");
        var documents = new List<Guid>();
        foreach (var (office, title) in new[] { ("lumajang", "LKjIP Kecamatan Lumajang 2025"), ("candipuro", "LKjIP Kecamatan Candipuro 2025"), ("lumajang", "Renja Kecamatan Lumajang 2026") })
            documents.Add((await SignedDocuments.CreateSignedAsync(direct, office, title)).Id);
        foreach (var id in documents) await WaitAsync(direct, id, LetterStatus.Issued, second);
        var storage = direct.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        await Wait.UntilAsync(() => storage.ProcessingCount() == 0 && storage.EnqueuedCount("default") == 0, TimeSpan.FromSeconds(60), () => "the queue drained");
        // Every run of the surat pengantar job in the shared store: one per signed document, none twice.
        var letterRuns = storage.SucceededJobs(0, 1000).Select(j => j.Value.Job).Where(j => j?.Args[0] as string == "surat-pengantar").ToList();
        letterRuns.Select(j => (Guid?)j!.Args[1]).OrderBy(g => g).ShouldBe(documents.Select(g => (Guid?)g).OrderBy(g => g));
        storage.FailedCount().ShouldBe(0);
        (await RecordOfAsync(direct)).Runs.ShouldBe(documents.Count);
        foreach (var id in documents) (await LettersOfAsync(direct, id)).Count.ShouldBe(1);
    }

    private static async Task<DocSign.Infrastructure.Jobs.JobRecord> RecordOfAsync(IServiceProvider services) =>
        await services.GetRequiredService<DocSign.Infrastructure.Jobs.JobRecords>().FindAsync("surat-pengantar")
            ?? throw new InvalidOperationException("no record of the surat pengantar job");

    private const string CoverLetterJob = "letters.surat-pengantar";

    /// <summary>
    /// The first instance's pause after taking the number: longer than any wait of the test, so it never finishes the
    /// job itself however slow the machine is; the test kills it.
    /// </summary>
    private static readonly TimeSpan HoldsTheJob = TimeSpan.FromMinutes(30);

    /// <summary>The service with the cover-letter job pausing <paramref name="delay"/> after it took a number (the window for kill -9).</summary>
    private static Task<WebProcess> StartAsync(Dictionary<string, string?> settings, TimeSpan delay) =>
        WebProcess.ServeAsync("Demo", new Dictionary<string, string?>(settings)   // sample PKI: Demo or Development only
        {
            ["DocSign:Testing:Letters:DelayAfterReserve"] = delay.ToString(),
            ["Logging:LogLevel:DocSign"] = "Information",   // for the failure message
        });

    private static Dictionary<string, string?> Settings(string data, string? postgres)
    {
        var s = new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = data,
            ["DocSign:Demo:Enabled"] = "true",
            ["DocSign:SamplePkiDirectory"] = SamplePki.Dir,
            ["DocSign:Verification:TrustAnchors:0"] = SamplePki.PathOf("root-ca.pem"),
            ["DocSign:Outbound:Allow:0"] = "127.0.0.1:18780-18782",   // the sample PKI's OCSP/CRL/TSA on loopback
            ["DocSign:Letters:CoverLetterPollInterval"] = "00:00:01",
            ["DocSign:Letters:Signing:TsaUrl"] = SamplePki.TsaUrl.ToString(),
            ["DocSign:Jobs:PollInterval"] = "00:00:01",
            ["DocSign:Jobs:SweepLease"] = "00:00:10",
        };
        if (postgres is not null)
        {
            s["DocSign:Database:Provider"] = "Postgres";
            s["ConnectionStrings:DocSign"] = postgres;
        }
        return s;
    }

    /// <summary>The test's own view of the same database and object store (no jobs, no web host).</summary>
    private static ServiceProvider Direct(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddDocSignInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<List<Letter>> LettersOfAsync(IServiceProvider services, Guid documentId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        return await db.Set<Letter>().AsNoTracking().Where(l => l.DocumentId == documentId).ToListAsync();
    }

    private static Task WaitAsync(IServiceProvider services, Guid documentId, LetterStatus status, WebProcess process, TimeSpan? limit = null) =>
        Wait.UntilAsync(async () => (await LettersOfAsync(services, documentId)).Any(l => l.Status == status), limit ?? TimeSpan.FromSeconds(120),
            () => $"a letter {status}. Service output:\n{process.Output}");

    private static async Task ShouldBeOneAsync(IServiceProvider services, Guid documentId, LetterStatus status)
    {
        var letters = await LettersOfAsync(services, documentId);
        letters.Count.ShouldBe(1);
        letters[0].Status.ShouldBe(status);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        var office = letters[0].OfficeId;
        (await db.Set<Letter>().CountAsync(l => l.OfficeId == office)).ShouldBe(1);
        (await db.Set<LetterCounter>().SingleAsync(c => c.OfficeId == office)).LastSequence.ShouldBe(1);
        letters[0].Sequence.ShouldBe(1);
    }
}
