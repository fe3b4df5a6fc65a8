using DocSign.Core.Audit;
using DocSign.Core.Problems;
using DocSign.Core.Reminders;
using DocSign.Core.Signing;
using DocSign.Core.StandIns;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Reminders;

/// <summary>
/// A Plh. period by the calendar, with a fake clock: before it the Camat's step is his; from its first day the task,
/// the right to act and the reminders are the Plh's (the Camat is refused); the day after its last day they are the
/// Camat's again; "who holds the Camat's authority on day D" answers accordingly; the assignment is audited.
/// </summary>
public sealed class StandInRoutingTests : IAsyncLifetime
{
    private YearHarness _year = null!;

    public async Task InitializeAsync() => _year = await YearHarness.StartAsync(postgres: false);

    public async Task DisposeAsync() => await _year.DisposeAsync();

    private async Task<IReadOnlyList<Guid>> TasksAsync(string user)
    {
        var actor = await _year.ActorAsync(user);
        return (await _year.InScopeAsync(sp => sp.GetRequiredService<MyTasksHandler>().HandleAsync(actor))).Select(t => t.DocumentId).ToList();
    }

    private async Task<IReadOnlyList<string>> NoticeHoldersAsync() =>
        await _year.InScopeAsync(sp => sp.GetRequiredService<DocSignDbContext>().Set<Notice>().AsNoTracking().Select(n => n.UserName).ToListAsync());

    [Fact]
    public async Task The_Camats_step_goes_to_the_Plh_for_the_period_and_back_to_the_Camat_after_it()
    {
        _year.SetWib(2026, 3, 6, 13);
        var id = await _year.NewLkjipAsync("kanigaran", "LKjIP Kecamatan Kanigaran Tahun 2025");
        var admin = await _year.ActorAsync("admin");
        var camat = await _year.ActorAsync("camat.kanigaran");
        await Should.ThrowAsync<DocSignProblem>(() => _year.InScopeAsync(sp => sp.GetRequiredService<RecordActingAssignmentHandler>()
            .HandleAsync(camat, new RecordActingAssignmentRequest("kanigaran", "sekcam.kanigaran", "plh", "800/9/425.504/2026", "2026-03-05", "2026-03-09", "2026-03-13"))));
        await Should.ThrowAsync<DocSignProblem>(() => _year.InScopeAsync(sp => sp.GetRequiredService<RecordActingAssignmentHandler>()
            .HandleAsync(admin, new RecordActingAssignmentRequest("kanigaran", "camat.kanigaran", "plh", "800/9/425.504/2026", "2026-03-05", "2026-03-09", "2026-03-13"))));
        var plh = await _year.InScopeAsync(sp => sp.GetRequiredService<RecordActingAssignmentHandler>()
            .HandleAsync(admin, new RecordActingAssignmentRequest("kanigaran", "sekcam.kanigaran", "plh", "800/9/425.504/2026", "2026-03-05", "2026-03-09", "2026-03-13")));
        // Periods of one office never overlap.
        await Should.ThrowAsync<DocSignProblem>(() => _year.InScopeAsync(sp => sp.GetRequiredService<RecordActingAssignmentHandler>()
            .HandleAsync(admin, new RecordActingAssignmentRequest("kanigaran", "kasi.kanigaran", "plt", "800/10/425.504/2026", "2026-03-05", "2026-03-12", "2026-04-30"))));

        // Before the period: the Camat's.
        _year.SetWib(2026, 3, 6, 13, 30);
        (await TasksAsync("camat.kanigaran")).ShouldContain(id);
        (await TasksAsync("sekcam.kanigaran")).ShouldNotContain(id);
        var before = await _year.InScopeAsync(sp => sp.GetRequiredService<HeadOfOffice>().OnAsync("kanigaran", new DateOnly(2026, 3, 6)));
        before!.Capacity.ShouldBe(SigningAuthorityKind.Definitive);
        before.UserName.ShouldBe("camat.kanigaran");

        // From the first day (00:00 WIB): the Plh's task, the Camat refused, the reminder to the Plh.
        _year.SetWib(2026, 3, 9, 0, 1);
        (await TasksAsync("camat.kanigaran")).ShouldNotContain(id);
        (await TasksAsync("sekcam.kanigaran")).ShouldContain(id);
        var refused = await Should.ThrowAsync<DocSignProblem>(() => _year.InScopeAsync(sp => sp.GetRequiredService<AdvanceStepHandler>()
            .HandleAsync(camat, new AdvanceStepRequest(id, "1-perintah", "Susun LKjIP", null))));
        refused.Kind.ShouldBe(ProblemKind.Forbidden);
        (await _year.InScopeAsync(sp => sp.GetRequiredService<SendRemindersHandler>().HandleAsync())).NoticesMade.ShouldBe(1);
        (await NoticeHoldersAsync()).ShouldBe(["sekcam.kanigaran"]);
        var during = await _year.InScopeAsync(sp => sp.GetRequiredService<HeadOfOffice>().OnAsync("kanigaran", new DateOnly(2026, 3, 13)));
        during!.Capacity.ShouldBe(SigningAuthorityKind.Plh);
        during.UserName.ShouldBe("sekcam.kanigaran");
        during.DecreeNumber.ShouldBe("800/9/425.504/2026");
        during.Jabatan("Kecamatan Kanigaran").ShouldBe("Plh. Camat Kanigaran");
        var timeline = await _year.InScopeAsync(sp => sp.GetRequiredService<GetTimelineHandler>().HandleAsync(camat, id));
        timeline.Current!.HolderUsers.ShouldBe(["sekcam.kanigaran"]);
        timeline.Current.HolderRoles.ShouldNotContain("camat");
        timeline.MayActOnCurrent.ShouldBeFalse();

        // The day after the last day: the Camat's again, with his own reminder.
        _year.SetWib(2026, 3, 14, 0, 1);
        (await TasksAsync("camat.kanigaran")).ShouldContain(id);
        (await TasksAsync("sekcam.kanigaran")).ShouldNotContain(id);
        (await _year.InScopeAsync(sp => sp.GetRequiredService<SendRemindersHandler>().HandleAsync())).NoticesMade.ShouldBe(1);
        (await NoticeHoldersAsync()).Order().ShouldBe(["camat.kanigaran", "sekcam.kanigaran"]);
        (await _year.InScopeAsync(sp => sp.GetRequiredService<HeadOfOffice>().OnAsync("kanigaran", new DateOnly(2026, 3, 14))))!.Capacity
            .ShouldBe(SigningAuthorityKind.Definitive);

        var audited = await _year.InScopeAsync(sp => sp.GetRequiredService<DocSignDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.AdminChange && a.OfficeId == "kanigaran").Select(a => a.Detail).ToListAsync());
        audited.ShouldContain(d => d != null && d.Contains("Plh. Camat: sekcam.kanigaran") && d.Contains("800/9/425.504/2026") && d.Contains("2026-03-09..2026-03-13"));
        plh.StartsAt.ShouldBe(new DateTimeOffset(2026, 3, 9, 0, 0, 0, YearHarness.Wib));
        plh.EndsAt.ShouldBe(new DateTimeOffset(2026, 3, 14, 0, 0, 0, YearHarness.Wib));
    }
}
