using DocSign.Core.Calendar;
using DocSign.Core.Problems;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Reminders;

/// <summary>
/// The LKjIP deadline of an office in WITA whose due date is set to 25 March: working days left and the latest start
/// of each SOP step, counted backwards on the office's calendar, jump over Nyepi and Idul Fitri's cuti bersama
/// (18 to 24 March 2026); without a setting the due date is the end of February of the following year.
/// </summary>
public sealed class LkjipDeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Wita = TimeSpan.FromHours(8);
    private YearHarness _year = null!;

    public async Task InitializeAsync() => _year = await YearHarness.StartAsync(postgres: false);

    public async Task DisposeAsync() => await _year.DisposeAsync();

    [Fact]
    public async Task Deadline_and_latest_starts_count_backwards_across_Idul_Fitri_cuti_bersama_in_a_WITA_office()
    {
        var admin = await _year.ActorAsync("admin");
        var camat = await _year.ActorAsync("camat.kanigaran");
        await _year.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<UpdateOfficeCalendarHandler>().HandleAsync(admin, "kanigaran", new UpdateOfficeCalendarRequest("WITA"));
            return 0;
        });
        _year.Clock.Set(new DateTimeOffset(2026, 3, 2, 9, 0, 0, Wita)); // Monday, in Ramadan

        // Without a setting: the LKjIP in preparation is 2026's (2025's was due at the end of February), due the end of
        // February 2027, a Sunday: the last working day before it is Friday 26 February (Ramadan hours end at 15:30).
        var byDefault = await _year.InScopeAsync(sp => sp.GetRequiredService<GetLkjipScheduleHandler>().HandleAsync(camat, "kanigaran", null));
        byDefault.Year.ShouldBe(2026);
        byDefault.DueDate.ShouldBe(new DateOnly(2027, 2, 28));
        byDefault.DueRule.ShouldBe("akhir Februari");
        byDefault.DueAt.ShouldBe(new DateTimeOffset(2027, 2, 26, 15, 30, 0, Wita));
        byDefault.Zone.ShouldBe("WITA");

        // Only an admin sets it; bad input is refused and changes nothing.
        await Should.ThrowAsync<DocSignProblem>(() => _year.InScopeAsync(sp => sp.GetRequiredService<SetLkjipDeadlineHandler>()
            .HandleAsync(camat, "kanigaran", new SetLkjipDeadlineRequest(3, 25))));
        await Should.ThrowAsync<DocSignProblem>(() => _year.InScopeAsync(sp => sp.GetRequiredService<SetLkjipDeadlineHandler>()
            .HandleAsync(admin, "kanigaran", new SetLkjipDeadlineRequest(2, 30))));
        await _year.InScopeAsync(sp => sp.GetRequiredService<SetLkjipDeadlineHandler>().HandleAsync(admin, "kanigaran", new SetLkjipDeadlineRequest(3, 25)));

        var id = await _year.NewLkjipAsync("kanigaran", "LKjIP Kecamatan Kanigaran Tahun 2025");
        var s = await _year.InScopeAsync(sp => sp.GetRequiredService<GetLkjipScheduleHandler>().HandleAsync(camat, "kanigaran", null));
        s.Year.ShouldBe(2025);
        s.DueDate.ShouldBe(new DateOnly(2026, 3, 25));
        s.DueRule.ShouldBe("25 Maret");
        s.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 25, 16, 0, 0, Wita)); // Wednesday after Lebaran: normal hours again
        s.DocumentId.ShouldBe(id);
        // 2-6, 9-13, 16-17 and 25 March: Nyepi, Idul Fitri and their cuti bersama (18-24 March) do not count.
        s.WorkingDaysLeft.ShouldBe(13);
        s.Overdue.ShouldBeFalse();

        DateTimeOffset Latest(string step) => s.Steps.Single(p => p.Step.Id == step).LatestStart;
        Latest("8-pengantar-kirim").ShouldBe(new DateTimeOffset(2026, 3, 25, 15, 0, 0, Wita));   // 1 jam
        Latest("7-tanda-tangan").ShouldBe(new DateTimeOffset(2026, 3, 25, 14, 55, 0, Wita));     // 5 menit
        Latest("6-ajukan").ShouldBe(new DateTimeOffset(2026, 3, 25, 13, 55, 0, Wita));           // 1 jam
        // "1 hari" before Wednesday 25 March is Tuesday 17 March: the week of Nyepi and Lebaran has no working day.
        Latest("5-koreksi").ShouldBe(new DateTimeOffset(2026, 3, 17, 13, 55, 0, Wita));
        Latest("4-draft").ShouldBe(new DateTimeOffset(2026, 3, 13, 13, 55, 0, Wita));            // 2 hari
        s.Steps[0].Status.ShouldBe("current");
        s.Steps[0].Behind.ShouldBeFalse();
        s.Steps.Skip(1).ShouldAllBe(p => p.Status == "pending" && !p.Behind);
        for (var i = 1; i < s.Steps.Count; i++) s.Steps[i].LatestStart.ShouldBeGreaterThanOrEqualTo(s.Steps[i - 1].LatestStart);

        // After the due time, the report not done is overdue and no working day is left.
        _year.Clock.Set(new DateTimeOffset(2026, 3, 25, 16, 1, 0, Wita));
        var late = await _year.InScopeAsync(sp => sp.GetRequiredService<GetLkjipScheduleHandler>().HandleAsync(camat, "kanigaran", 2025));
        late.Overdue.ShouldBeTrue();
        late.WorkingDaysLeft.ShouldBe(0);
        late.Steps[0].Behind.ShouldBeFalse(); // step 1 started (2 March) before its latest start
        late.Steps[1].Behind.ShouldBeTrue();
    }
}
