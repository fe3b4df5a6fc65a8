using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Storage;
using DocSign.Infrastructure.Jobs;
using DocSign.Infrastructure.Storage;
using DocSign.Testing.Services;
using DocSign.Testing.SamplePdfs;
using DocSign.Testing.Pki;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;

namespace DocSign.Infrastructure.Tests.Storage;

/// <summary>The sweeper removes objects that no version row refers to, but only once they are old enough.</summary>
public sealed class OrphanSweepTests : IAsyncLifetime
{
    private readonly string _root = TestEnvironment.NewTempDirectory("sweep");
    private ServiceProvider _services = null!;
    private FakeClock _clock = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DocSign:DataDirectory"] = _root,
            ["DocSign:Demo:Enabled"] = "true",
            ["DocSign:Sweeper:MinAge"] = "06:00:00",
            ["DocSign:Jobs:PollInterval"] = "00:00:01",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);   // as every host registers it (the demo key enrolment reads it)
        services.AddLogging();
        _clock = new FakeClock(DateTimeOffset.UtcNow);
        services.AddSingleton<TimeProvider>(_clock);
        services.AddDocSignInfrastructure(configuration);
        _services = services.BuildServiceProvider();
        await _services.InitializeDocSignAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Only_unreferenced_objects_older_than_the_minimum_age_are_deleted()
    {
        var store = _services.GetRequiredService<IObjectStore>();
        var documentId = Guid.NewGuid();
        var referencedKey = VersionUploader.NewObjectKey(documentId, 1);
        var orphanKey = VersionUploader.NewObjectKey(documentId, 2);
        var otherPrefixKey = "archive/keep-me.pdf";
        await store.PutAsync(referencedKey, new MemoryStream(SamplePdfs.OnePage("referenced")));
        await store.PutAsync(orphanKey, new MemoryStream(SamplePdfs.OnePage("orphan")));
        await store.PutAsync(otherPrefixKey, new MemoryStream([1]));
        await using (var scope = _services.CreateAsyncScope())
        {
            var document = new Document(documentId, "pronojiwo", 2024, "lkjip", "LKjIP", "staf.pronojiwo", _clock.GetUtcNow());
            document.AddVersion(Guid.NewGuid(), VersionStage.Draft, "staf.pronojiwo", _clock.GetUtcNow(), null, 1, new string('c', 64), referencedKey, 1);
            await scope.ServiceProvider.GetRequiredService<IDocumentRepository>().AddAsync(document);
        }

        // Young orphans may belong to an upload whose row is being written right now: keep them.
        (await SweepAsync()).ShouldBeEmpty();
        (await store.StatAsync(orphanKey)).ShouldNotBeNull();

        _clock.Advance(TimeSpan.FromHours(7));
        (await SweepAsync()).ShouldBe([orphanKey]);

        (await store.StatAsync(orphanKey)).ShouldBeNull();
        (await store.StatAsync(referencedKey)).ShouldNotBeNull();
        (await store.StatAsync(otherPrefixKey)).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_sweep_job_is_a_recurring_Hangfire_job_and_runs_when_triggered()
    {
        var store = _services.GetRequiredService<IObjectStore>();
        var orphanKey = VersionUploader.NewObjectKey(Guid.NewGuid(), 1);
        await store.PutAsync(orphanKey, new MemoryStream([1, 2]));
        _clock.Advance(TimeSpan.FromDays(1));

        var server = _services.GetServices<IHostedService>().OfType<JobServer>().Single();
        await server.StartAsync(default);
        try
        {
            var storage = _services.GetRequiredService<JobStorage>();
            using (var connection = storage.GetConnection())
                connection.GetRecurringJobs().Select(j => j.Id).ShouldContain("storage.orphan-sweep");
            new RecurringJobManager(storage).Trigger("storage.orphan-sweep");
            await Wait.UntilAsync(async () => await store.StatAsync(orphanKey) is null, TimeSpan.FromSeconds(60), () => "the sweep job removing the orphan");
        }
        finally
        {
            await server.StopAsync(default);
        }
    }

    private async Task<IReadOnlyList<string>> SweepAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SweepOrphanObjectsHandler>().HandleAsync();
    }
}
