using DocSign.Core.Jobs;
using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Jobs;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Hangfire;
using Microsoft.Extensions.Hosting;

namespace DocSign.Infrastructure.Tests.Workflow;

/// <summary>
/// The overdue check on a real (SQLite) database with a fake clock: a "1 Hari" step started on Friday afternoon
/// is not late over the weekend nor on the configured holiday Monday, is late on Tuesday after 14:00 WIB, and is
/// flagged and logged exactly once however often the job runs. Run on SQLite and on PostgreSQL.
/// </summary>
public abstract class OverdueStepsTests : IAsyncLifetime
{
    protected abstract Task<(string Provider, string ConnectionString)> DatabaseAsync(string folder);

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private readonly string _folder = TestEnvironment.NewTempDirectory("overdue");
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 3, 6, 13, 50, 0, Wib).ToUniversalTime()); // Friday
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var (provider, connectionString) = await DatabaseAsync(_folder);
        _services = await InfrastructureHost.StartAsync(_folder, provider, connectionString, _clock, new Dictionary<string, string?>
        {
            ["DocSign:Jobs:PollInterval"] = "00:00:01",
            ["DocSign:Workflow:Holidays:0"] = "2026-03-09",
            ["DocSign:Workflow:Holidays:1"] = "2026-12-25",
        });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await DropDatabaseAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task<Guid> NewKanigaranDocumentAtStepTwoAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<DocSignDbContext>();
        var staf = new Actor("u-staf", "staf.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Staf)]);
        var camat = new Actor("u-camat", "camat.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Camat)]);
        var document = new Document(Guid.NewGuid(), "kanigaran", 2026, "lkjip", "LKjIP 2025", staf.UserName, _clock.GetUtcNow());
        document.AddVersion(Guid.NewGuid(), VersionStage.Draft, staf.UserName, _clock.GetUtcNow(), null, 10, new string('a', 64), $"documents/{document.Id:N}/v1", 1);
        var instance = await sp.GetRequiredService<StartWorkflowHandler>().StageForNewDocumentAsync(document, staf);
        instance.ShouldNotBeNull();
        await sp.GetRequiredService<IDocumentRepository>().AddAsync(document);

        // The Camat's disposisi (10 menit) at Friday 14:00 WIB starts step 2, "1 Hari".
        _clock.Set(new DateTimeOffset(2026, 3, 6, 14, 0, 0, Wib).ToUniversalTime());
        await sp.GetRequiredService<AdvanceStepHandler>().HandleAsync(camat, new AdvanceStepRequest(document.Id, "1-perintah", "Susun LKjIP", null));
        return document.Id;
    }

    private async Task<WorkflowInstance> InstanceAsync(Guid documentId)
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IWorkflowRepository>().FindByDocumentAsync(documentId))!;
    }

    private async Task<int> FlagAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FlagOverdueStepsHandler>().HandleAsync();
    }

    [Fact]
    public async Task A_one_day_step_from_Friday_is_late_only_after_the_weekend_and_the_holiday_and_is_flagged_once()
    {
        var id = await NewKanigaranDocumentAtStepTwoAsync();
        var started = await InstanceAsync(id);
        started.CurrentStepId.ShouldBe("2-format-data");
        started.StepDeadline.ShouldBe(new DateTimeOffset(2026, 3, 10, 14, 0, 0, Wib));

        foreach (var notYet in new[]
                 {
                     new DateTimeOffset(2026, 3, 7, 12, 0, 0, Wib),  // Saturday
                     new DateTimeOffset(2026, 3, 9, 15, 0, 0, Wib),  // holiday Monday: a plain weekday would be late by now
                     new DateTimeOffset(2026, 3, 10, 13, 59, 0, Wib), // Tuesday, a minute before
                 })
        {
            _clock.Set(notYet.ToUniversalTime());
            (await FlagAsync()).ShouldBe(0, $"not late at {notYet}");
        }
        (await InstanceAsync(id)).StepOverdue.ShouldBeFalse();

        _clock.Set(new DateTimeOffset(2026, 3, 10, 14, 1, 0, Wib).ToUniversalTime());
        (await FlagAsync()).ShouldBe(1);
        _clock.Advance(TimeSpan.FromHours(3));
        (await FlagAsync()).ShouldBe(0);

        var late = await InstanceAsync(id);
        late.StepOverdue.ShouldBeTrue();
        late.Log.Count(e => e.Kind == WorkflowLogKinds.Overdue).ShouldBe(1);
        late.Log.Single(e => e.Kind == WorkflowLogKinds.Overdue).StepId.ShouldBe("2-format-data");
        late.Log.Single(e => e.Kind == WorkflowLogKinds.Overdue).Note.ShouldBe("Melewati batas waktu 10 Maret 2026 14:00 WIB");   // the office's time, not UTC

        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            (await db.AuditEntries.CountAsync(a => a.Action == AuditActions.StepOverdue && a.DocumentId == id)).ShouldBe(1);
        }

        // Done late, the next step starts fresh: the flag clears and the timeline shows step 2 as kept late.
        await using (var scope = _services.CreateAsyncScope())
        {
            var program = new Actor("u-prog", "kasubbag-program.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.KasubbagProgram)]);
            var timeline = await scope.ServiceProvider.GetRequiredService<AdvanceStepHandler>()
                .HandleAsync(program, new AdvanceStepRequest(id, "2-format-data", null, null));
            timeline.Instance.StepOverdue.ShouldBeFalse();
            timeline.Steps[1].Late.ShouldBeTrue();
            timeline.Steps[0].Late.ShouldBeFalse();
        }
    }

    [Fact]
    public async Task The_scheduled_job_runs_the_check_and_its_run_is_on_the_admins_list()
    {
        var id = await NewKanigaranDocumentAtStepTwoAsync();
        _clock.Set(new DateTimeOffset(2026, 3, 11, 9, 0, 0, Wib).ToUniversalTime());
        var server = _services.GetServices<IHostedService>().OfType<JobServer>().Single();
        await server.StartAsync(default);
        try
        {
            new RecurringJobManager(_services.GetRequiredService<JobStorage>()).Trigger("workflow.overdue-steps");
            await Wait.UntilAsync(async () => (await InstanceAsync(id)).StepOverdue, TimeSpan.FromSeconds(60), () => "the overdue job flagging the step");
            JobStatus? recorded = null;
            await Wait.UntilAsync(async () =>
            {
                recorded = (await _services.GetRequiredService<IJobDirectory>().ListAsync()).Single(j => j.Name == "overdue-steps");
                return recorded.Runs >= 1 && recorded.LastSuccessAt is not null;
            }, TimeSpan.FromSeconds(60), () => $"the run recorded: {recorded}");
            recorded!.LastError.ShouldBeNull();
            recorded.LastResult.ShouldNotBeNull().ShouldContain("1 langkah");
        }
        finally
        {
            await server.StopAsync(default);
        }
    }
}

public sealed class SqliteOverdueStepsTests : OverdueStepsTests
{
    protected override Task<(string Provider, string ConnectionString)> DatabaseAsync(string folder) =>
        Task.FromResult(("Sqlite", $"Data Source={Path.Combine(folder, "db.sqlite")};Pooling=False"));
}

public sealed class PostgresOverdueStepsTests : OverdueStepsTests
{
    private PostgresDatabase? _database;

    protected override async Task<(string Provider, string ConnectionString)> DatabaseAsync(string folder)
    {
        _database = await PostgresDatabase.CreateAsync("overdue");
        return ("Postgres", _database.ConnectionString);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}
