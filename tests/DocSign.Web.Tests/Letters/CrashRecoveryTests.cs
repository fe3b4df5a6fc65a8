using DocSign.Testing.Documents;
using System.Diagnostics;
using DocSign.Core.Letters;
using DocSign.Infrastructure;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
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
        using (var first = await ServiceProcess.StartAsync(settings, delay: TimeSpan.FromSeconds(60)))
        {
            await using var direct = Direct(settings);
            var (documentId, _) = await SignedDocuments.CreateSignedAsync(direct, "candipuro", "LKjIP Kecamatan Candipuro Tahun 2025");
            await WaitAsync(direct, documentId, LetterStatus.Reserved, first);
            first.Kill9();
            await ShouldBeOneAsync(direct, documentId, LetterStatus.Reserved);

            using var second = await ServiceProcess.StartAsync(settings, delay: TimeSpan.Zero);
            await WaitAsync(direct, documentId, LetterStatus.Issued, second);
            await Task.Delay(3000);   // a few more runs of the job change nothing
            await ShouldBeOneAsync(direct, documentId, LetterStatus.Issued);
        }
    }

    [Fact]
    public async Task Postgres_instance_killed_during_the_job_is_taken_over_by_the_other_with_one_letter_and_one_number()
    {
        await using var database = await PostgresDatabase.CreateAsync("crash");
        var settings = Settings(TestEnvironment.NewTempDirectory("crash-pg"), database.ConnectionString);
        settings["DocSign:Jobs:ClusterCheckinInterval"] = "00:00:02";
        using var first = await ServiceProcess.StartAsync(settings, delay: TimeSpan.FromSeconds(120));
        await using var direct = Direct(settings);
        var (documentId, _) = await SignedDocuments.CreateSignedAsync(direct, "lumajang", "Laporan Kinerja Kecamatan Lumajang Tahun 2025");
        await WaitAsync(direct, documentId, LetterStatus.Reserved, first);
        // The second instance is up while the first still holds the job (it cannot run it: the job is not concurrent).
        using var second = await ServiceProcess.StartAsync(settings, delay: TimeSpan.Zero);
        await Task.Delay(3000);
        await ShouldBeOneAsync(direct, documentId, LetterStatus.Reserved);
        first.Kill9();
        await WaitAsync(direct, documentId, LetterStatus.Issued, second);
        await Task.Delay(3000);
        await ShouldBeOneAsync(direct, documentId, LetterStatus.Issued);
    }

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

    private static async Task WaitAsync(IServiceProvider services, Guid documentId, LetterStatus status, ServiceProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if ((await LettersOfAsync(services, documentId)).Any(l => l.Status == status)) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"No letter became {status}. Service output:\n{process.Output}");
    }

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

    /// <summary>DocSign.Web as a real child process on a free port.</summary>
    private sealed class ServiceProcess : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private ServiceProcess(Process process) => _process = process;

        public string Output { get { lock (_output) return _output.ToString(); } }

        public static async Task<ServiceProcess> StartAsync(Dictionary<string, string?> settings, TimeSpan delay)
        {
            var port = TestEnvironment.FreePort();
            var dll = Path.Combine(AppContext.BaseDirectory, "DocSign.Web.dll");
            var info = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            foreach (var (k, v) in settings) info.Environment[k.Replace(":", "__")] = v;
            info.Environment["DocSign__Letters__TestDelayAfterReserve"] = delay.ToString();
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            info.Environment["Logging__LogLevel__DocSign"] = "Information";
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Demo";   // sample PKI: Demo or Development only
            var process = Process.Start(info)!;
            var sp = new ServiceProcess(process);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (sp._output) sp._output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (sp._output) sp._output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (DateTime.UtcNow < deadline)
            {
                if (process.HasExited) throw new InvalidOperationException("DocSign.Web exited:\n" + sp.Output);
                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode) return sp;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(300);
            }
            sp.Dispose();
            throw new TimeoutException("DocSign.Web did not answer /health:\n" + sp.Output);
        }

        /// <summary>SIGKILL: no shutdown hooks, no chance to finish the job.</summary>
        public void Kill9()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill9();
            _process.Dispose();
        }
    }
}
