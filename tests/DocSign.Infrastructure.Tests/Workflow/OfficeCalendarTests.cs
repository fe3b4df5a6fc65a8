using DocSign.Core.Access;
using DocSign.Core.Calendar;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Pki;
using DocSign.Testing.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Workflow;

/// <summary>
/// An office's calendar through its use cases on a real database with a fake clock: an admin moves Kanigaran to WITA
/// and a step's deadline is counted in WITA across Idulfitri 2026; a regional day added by the admin moves a running
/// step's deadline (and the overdue check honours it), and removing it moves it back. Run on SQLite and PostgreSQL.
/// </summary>
public abstract class OfficeCalendarTests : IAsyncLifetime
{
    protected abstract Task<(string Provider, string ConnectionString)> DatabaseAsync(string folder);

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    private static readonly TimeZoneInfo Wita = TimeZoneInfo.FindSystemTimeZoneById(OfficeZones.Wita);
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById(OfficeZones.Wib);
    private readonly string _folder = TestEnvironment.NewTempDirectory("calendar");
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 3, 16, 8, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime());
    private readonly Actor _admin = new("u-admin", "admin", [], IsAdministrator: true);
    private readonly Actor _staf = new("u-staf", "staf.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Staf)]);
    private readonly Actor _camat = new("u-camat", "camat.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Camat)]);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var (provider, connectionString) = await DatabaseAsync(_folder);
        _services = await InfrastructureHost.StartAsync(_folder, provider, connectionString, _clock);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await DropDatabaseAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static DateTimeOffset Local(TimeZoneInfo zone, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> call)
    {
        await using var scope = _services.CreateAsyncScope();
        return await call(scope.ServiceProvider);
    }

    /// <summary>A Kanigaran LKjIP whose Camat gives the disposisi at <paramref name="at"/>: step 2 ("1 Hari") starts then.</summary>
    private async Task<Guid> DocumentAtStepTwoAsync(DateTimeOffset at) => await InScopeAsync(async sp =>
    {
        var document = new Document(Guid.NewGuid(), "kanigaran", 2026, "lkjip", "LKjIP 2025", _staf.UserName, _clock.GetUtcNow());
        document.AddVersion(Guid.NewGuid(), VersionStage.Draft, _staf.UserName, _clock.GetUtcNow(), null, 10, new string('a', 64), $"documents/{document.Id:N}/v1", 1);
        (await sp.GetRequiredService<StartWorkflowHandler>().StageForNewDocumentAsync(document, _staf)).ShouldNotBeNull();
        await sp.GetRequiredService<IDocumentRepository>().AddAsync(document);
        _clock.Set(at.ToUniversalTime());
        await sp.GetRequiredService<AdvanceStepHandler>().HandleAsync(_camat, new AdvanceStepRequest(document.Id, "1-perintah", null, null));
        return document.Id;
    });

    private Task<WorkflowInstance> InstanceAsync(Guid id) =>
        InScopeAsync(async sp => (await sp.GetRequiredService<IWorkflowRepository>().FindByDocumentAsync(id))!);

    [Fact]
    public async Task An_office_in_WITA_counts_a_step_across_Idulfitri_2026_in_its_own_zone()
    {
        var view = await InScopeAsync(sp => sp.GetRequiredService<GetOfficeCalendarHandler>().HandleAsync(_camat, "kanigaran", 2026));
        view.ZoneLabel.ShouldBe("WIB");
        view.Days.ShouldContain(d => d.Date == new DateOnly(2026, 3, 23) && d.Kind == DayOffKind.CollectiveLeave && !d.Provisional);

        // Only an admin moves the office; a bad zone changes nothing.
        await Should.ThrowAsync<DocSignProblem>(() => InScopeAsync(sp => sp.GetRequiredService<UpdateOfficeCalendarHandler>()
            .HandleAsync(_camat, "kanigaran", new UpdateOfficeCalendarRequest("WITA"))));
        (await Should.ThrowAsync<DocSignProblem>(() => InScopeAsync(sp => sp.GetRequiredService<UpdateOfficeCalendarHandler>()
            .HandleAsync(_admin, "kanigaran", new UpdateOfficeCalendarRequest("Europe/Paris"))))).Kind.ShouldBe(ProblemKind.Invalid);
        await InScopeAsync(sp => sp.GetRequiredService<UpdateOfficeCalendarHandler>().HandleAsync(_admin, "kanigaran", new UpdateOfficeCalendarRequest("WITA")));
        (await InScopeAsync(sp => sp.GetRequiredService<GetOfficeCalendarHandler>().HandleAsync(_camat, "kanigaran", 2026))).ZoneLabel.ShouldBe("WITA");

        // The disposisi on Tuesday 17 March 14:00 WITA starts "1 Hari", which skips Nyepi and Idulfitri, 18-24 March.
        var id = await DocumentAtStepTwoAsync(Local(Wita, 3, 17, 14));
        var instance = await InstanceAsync(id);
        instance.CurrentStepId.ShouldBe("2-format-data");
        instance.StepDeadline.ShouldBe(Local(Wita, 3, 25, 14));
        instance.StepDeadline!.Value.UtcDateTime.ShouldBe(new DateTime(2026, 3, 25, 6, 0, 0));
    }

    [Fact]
    public async Task A_regional_day_added_by_the_admin_moves_a_running_deadline_and_the_overdue_check_honours_it()
    {
        // Monday 13 April 2026, 10:00 WIB: "1 Hari" is due Tuesday 14 April 10:00.
        var id = await DocumentAtStepTwoAsync(Local(Wib, 4, 13, 10));
        (await InstanceAsync(id)).StepDeadline.ShouldBe(Local(Wib, 4, 14, 10));

        // Refusals change nothing: not an admin, no name, a date that is not a date.
        await Should.ThrowAsync<DocSignProblem>(() => InScopeAsync(sp => sp.GetRequiredService<AddRegionalDayHandler>()
            .HandleAsync(_camat, "kanigaran", new DateOnly(2026, 4, 14), "Hari Jadi")));
        await Should.ThrowAsync<DocSignProblem>(() => InScopeAsync(sp => sp.GetRequiredService<AddRegionalDayHandler>()
            .HandleAsync(_admin, "kanigaran", new DateOnly(2026, 4, 14), " ")));
        (await InstanceAsync(id)).StepDeadline.ShouldBe(Local(Wib, 4, 14, 10));

        await InScopeAsync(sp => sp.GetRequiredService<AddRegionalDayHandler>().HandleAsync(_admin, "kanigaran", new DateOnly(2026, 4, 14), "Hari Jadi Kota (contoh)"));
        (await InstanceAsync(id)).StepDeadline.ShouldBe(Local(Wib, 4, 15, 10));
        (await Should.ThrowAsync<DocSignProblem>(() => InScopeAsync(sp => sp.GetRequiredService<AddRegionalDayHandler>()
            .HandleAsync(_admin, "kanigaran", new DateOnly(2026, 4, 14), "lagi")))).Kind.ShouldBe(ProblemKind.Conflict);

        // Another office's calendar is untouched.
        (await InScopeAsync(sp => sp.GetRequiredService<GetOfficeCalendarHandler>().HandleAsync(_admin, "pronojiwo", 2026))).RegionalDays.ShouldBeEmpty();
        var view = await InScopeAsync(sp => sp.GetRequiredService<GetOfficeCalendarHandler>().HandleAsync(_staf, "kanigaran", 2026));
        view.RegionalDays.Single().Name.ShouldBe("Hari Jadi Kota (contoh)");

        // On the regional day itself the step is not late; the day after, past 10:00, it is.
        _clock.Set(Local(Wib, 4, 14, 15).ToUniversalTime());
        (await InScopeAsync(sp => sp.GetRequiredService<FlagOverdueStepsHandler>().HandleAsync())).ShouldBe(0);
        _clock.Set(Local(Wib, 4, 15, 10, 1).ToUniversalTime());
        (await InScopeAsync(sp => sp.GetRequiredService<FlagOverdueStepsHandler>().HandleAsync())).ShouldBe(1);

        // Removed again: the deadline is counted back to Tuesday (and the step stays late).
        await InScopeAsync(async sp => { await sp.GetRequiredService<RemoveRegionalDayHandler>().HandleAsync(_admin, "kanigaran", new DateOnly(2026, 4, 14)); return 0; });
        var after = await InstanceAsync(id);
        after.StepDeadline.ShouldBe(Local(Wib, 4, 14, 10));
        after.StepOverdue.ShouldBeTrue();
        await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DocSignDbContext>();
            (await db.Set<RegionalHoliday>().CountAsync()).ShouldBe(0);
            (await db.AuditEntries.CountAsync(a => a.Action == Core.Audit.AuditActions.AdminChange && a.Detail!.StartsWith("Hari libur daerah"))).ShouldBe(2);
            return 0;
        });
    }

    [Fact]
    public async Task The_overdue_check_recounts_a_deadline_in_the_office_calendar_before_flagging()
    {
        // The stored deadline predates a regional day that was written straight into the database (as a restore or an
        // older release would leave it): the check counts again and does not flag.
        var id = await DocumentAtStepTwoAsync(Local(Wib, 4, 13, 10));
        await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DocSignDbContext>();
            db.Add(new RegionalHoliday(Guid.NewGuid(), "kanigaran", new DateOnly(2026, 4, 14), "Libur daerah (contoh)", "admin", _clock.GetUtcNow()));
            await db.SaveChangesAsync();
            return 0;
        });
        (await InstanceAsync(id)).StepDeadline.ShouldBe(Local(Wib, 4, 14, 10));
        _clock.Set(Local(Wib, 4, 14, 11).ToUniversalTime());
        (await InScopeAsync(sp => sp.GetRequiredService<FlagOverdueStepsHandler>().HandleAsync())).ShouldBe(0);
        var instance = await InstanceAsync(id);
        instance.StepOverdue.ShouldBeFalse();
        instance.StepDeadline.ShouldBe(Local(Wib, 4, 15, 10));
    }
}

public sealed class SqliteOfficeCalendarTests : OfficeCalendarTests
{
    protected override Task<(string Provider, string ConnectionString)> DatabaseAsync(string folder) =>
        Task.FromResult(("Sqlite", $"Data Source={Path.Combine(folder, "db.sqlite")};Pooling=False"));
}

public sealed class PostgresOfficeCalendarTests : OfficeCalendarTests
{
    private Testing.Services.PostgresDatabase? _database;

    protected override async Task<(string Provider, string ConnectionString)> DatabaseAsync(string folder)
    {
        _database = await Testing.Services.PostgresDatabase.CreateAsync("calendar");
        return ("Postgres", _database.ConnectionString);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}
