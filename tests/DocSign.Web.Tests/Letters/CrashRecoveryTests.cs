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

namespace DocSign.Web.Tests.Letters;

/// <summary>
/// kill -9 in the middle of a surat pengantar job, with real processes: the service (DocSign.Web, started as a child
/// process on a free port) takes the number, then dies before the letter is stored. After a restart, or on a second
/// instance that takes the job over (Quartz clustered on PostgreSQL), the document ends with exactly one letter and
/// the register with exactly one number.
/// </summary>
public sealed class CrashRecoveryTests
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

            using var second = await StartAsync(settings, delay: TimeSpan.Zero);
            await WaitAsync(direct, documentId, LetterStatus.Issued, second);
            await second.WaitForJobRunsAsync(CoverLetterJob, 2);   // a few more runs of the job change nothing
            await ShouldBeOneAsync(direct, documentId, LetterStatus.Issued);
        }
    }

    [Fact]
    public async Task Postgres_instance_killed_during_the_job_is_taken_over_by_the_other_with_one_letter_and_one_number()
    {
        await using var database = await PostgresDatabase.CreateAsync("crash");
        var settings = Settings(TestEnvironment.NewTempDirectory("crash-pg"), database.ConnectionString);
        // Check-ins every 5 s: a loaded machine must not make the living first instance look dead (the second would
        // then take the job over early, rightly); the takeover after kill -9 comes within about 10 s.
        settings["DocSign:Jobs:ClusterCheckinInterval"] = "00:00:05";
        settings["DocSign:Archive:ArchivePollInterval"] = "00:00:01";   // a job the second instance runs meanwhile
        using var first = await StartAsync(settings, delay: HoldsTheJob);
        await using var direct = Direct(settings);
        await SignedDocuments.NumberOnSigningAsync(direct, "lumajang");
        var (documentId, _) = await SignedDocuments.CreateSignedAsync(direct, "lumajang", "Laporan Kinerja Kecamatan Lumajang Tahun 2025");
        await WaitAsync(direct, documentId, LetterStatus.Reserved, first);
        // The second instance is up while the first still holds the job (it cannot run it: the job is not concurrent).
        using var second = await StartAsync(settings, delay: TimeSpan.Zero);
        // Two more runs of another job in the cluster (on either instance): the scheduler has had its rounds with the
        // second instance in it, and the cover-letter trigger was due in each, yet the second has not taken it over.
        const string archiveRan = "Job archive.arsip ran";
        var runs = first.Count(l => l.Contains(archiveRan)) + second.Count(l => l.Contains(archiveRan));
        await Wait.UntilAsync(() => first.Count(l => l.Contains(archiveRan)) + second.Count(l => l.Contains(archiveRan)) >= runs + 2,
            TimeSpan.FromSeconds(120), () => "two more runs of the archive job:\n" + second.Output);
        await ShouldBeOneAsync(direct, documentId, LetterStatus.Reserved);
        first.Kill9();
        await WaitAsync(direct, documentId, LetterStatus.Issued, second);
        await second.WaitForJobRunsAsync(CoverLetterJob, 2);
        await ShouldBeOneAsync(direct, documentId, LetterStatus.Issued);
    }

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
            ["DocSign:Jobs:SchedulerName"] = "crash-" + Guid.NewGuid().ToString("N"),
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

    private static Task WaitAsync(IServiceProvider services, Guid documentId, LetterStatus status, WebProcess process) =>
        Wait.UntilAsync(async () => (await LettersOfAsync(services, documentId)).Any(l => l.Status == status), TimeSpan.FromSeconds(120),
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
