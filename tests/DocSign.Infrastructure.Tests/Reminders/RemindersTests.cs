using DocSign.Core.Problems;
using DocSign.Core.Reminders;
using DocSign.Core.Workflow;
using DocSign.Infrastructure.Persistence;
using DocSign.Testing.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Tests.Reminders;

/// <summary>
/// Reminders end to end on a real database and a real SMTP conversation (MailKit to a loopback SMTP server the test
/// starts), with a fake clock: a "1 Hari" step started on Friday is reminded to both of its holders on Monday morning
/// before its deadline and again once it is late, each once however often the run repeats; a refused e-mail is
/// logged, kept and sent by the next run; the bell counts unread notices and marks them read.
/// </summary>
public abstract class RemindersTests(bool postgres) : IAsyncLifetime
{
    private const string SmtpPassword = "sandi-smtp-rahasia-contoh";
    private readonly LoopbackSmtpServer _smtp = LoopbackSmtpServer.Start();
    private YearHarness _year = null!;

    public async Task InitializeAsync() => _year = await YearHarness.StartAsync(postgres, new Dictionary<string, string?>
    {
        ["DocSign:Email:Host"] = "127.0.0.1",
        ["DocSign:Email:Port"] = _smtp.Port.ToString(),
        ["DocSign:Email:Security"] = "None",
        ["DocSign:Email:From"] = "docsign@kecamatan.example",
        ["DocSign:Email:UserName"] = "docsign",
        ["DocSign:Email:Password"] = SmtpPassword,
    });

    public async Task DisposeAsync()
    {
        await _year.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private Task<ReminderRunResult> RunAsync() => _year.InScopeAsync(sp => sp.GetRequiredService<SendRemindersHandler>().HandleAsync());

    [Fact]
    public async Task A_step_is_reminded_before_its_deadline_and_when_late_once_each_by_bell_and_email()
    {
        var id = await _year.NewLkjipAsync("kanigaran", "LKjIP Kecamatan Kanigaran Tahun 2025");
        var camat = await _year.ActorAsync("camat.kanigaran");
        _year.SetWib(2026, 3, 6, 14); // Friday: the Camat's disposisi starts step 2, "1 Hari"
        var started = await _year.InScopeAsync(sp => sp.GetRequiredService<AdvanceStepHandler>().HandleAsync(camat, new AdvanceStepRequest(id, "1-perintah", "Susun LKjIP", null)));
        started.Instance.CurrentStepId.ShouldBe("2-format-data");
        started.Instance.StepDeadline.ShouldBe(new DateTimeOffset(2026, 3, 9, 14, 0, 0, YearHarness.Wib)); // Monday, same clock time

        _year.SetWib(2026, 3, 6, 15);
        (await RunAsync()).ShouldBe(new ReminderRunResult(0, 0, 0));
        _smtp.Received.ShouldBeEmpty();

        // Monday morning, within a day of the deadline: both holders (Kasubbag Program and Staf) are reminded once.
        _year.SetWib(2026, 3, 9, 8);
        (await RunAsync()).ShouldBe(new ReminderRunResult(2, 2, 0));
        _smtp.Received.Count.ShouldBe(2);
        var mail = _smtp.Received.Single(m => m.To.Single() == "kasubbag-program.kanigaran@kecamatan.example");
        mail.From.ShouldBe("docsign@kecamatan.example");
        mail.AuthenticatedAs.ShouldBe("docsign");
        var text = mail.Text;
        text.ShouldContain("Subject: Pengingat: langkah 2");
        text.ShouldContain("LKjIP Kecamatan Kanigaran Tahun 2025");
        text.ShouldContain("paling lambat 9 Maret 2026 pukul 14:00 WIB");
        text.ShouldContain($"https://docsign.example.go.id/dokumen/{id}");
        _smtp.Received.Single(m => m.To.Single() == "staf.kanigaran@kecamatan.example").Text.ShouldContain("Pengingat: langkah 2");

        // The job run twice (or on two instances one after the other) sends nothing twice.
        _year.Clock.Advance(TimeSpan.FromMinutes(15));
        (await RunAsync()).ShouldBe(new ReminderRunResult(0, 0, 0));
        _smtp.Received.Count.ShouldBe(2);

        // Late, while the SMTP server refuses: the notices are made, the e-mail failure logged and kept for the next run.
        _smtp.RefuseRecipients = true;
        _year.SetWib(2026, 3, 9, 14, 1);
        (await RunAsync()).ShouldBe(new ReminderRunResult(2, 0, 2));
        _smtp.Received.Count.ShouldBe(2);
        _year.Logs.ShouldContain(l => l.Contains("Reminder e-mail") && l.Contains("not sent") && l.Contains("retried by the next run"));
        var failed = await _year.InScopeAsync(sp => sp.GetRequiredService<DocSignDbContext>().Set<Notice>().AsNoTracking()
            .Where(n => n.Kind == NoticeKinds.Late).ToListAsync());
        failed.Count.ShouldBe(2);
        failed.ShouldAllBe(n => n.EmailSentAt == null && n.EmailAttempts == 1 && n.EmailLastError != null);

        _smtp.RefuseRecipients = false;
        _year.Clock.Advance(TimeSpan.FromMinutes(15));
        (await RunAsync()).ShouldBe(new ReminderRunResult(0, 2, 0));
        (await RunAsync()).ShouldBe(new ReminderRunResult(0, 0, 0));
        _smtp.Received.Count.ShouldBe(4);
        var late = _smtp.Received.Single(m => m.To.Single() == "kasubbag-program.kanigaran@kecamatan.example" && m.Text.Contains("Subject: Terlambat")).Text;
        late.ShouldContain("telah melewati batas waktunya");
        late.ShouldContain($"/dokumen/{id}");

        // Nothing secret in any log line; the client did log in with the configured password.
        _smtp.Logins.ShouldContain(("docsign", SmtpPassword));
        _year.Logs.ShouldNotContain(l => l.Contains(SmtpPassword));
    }

    [Fact]
    public async Task The_bell_counts_the_persons_unread_notices_and_marks_them_read()
    {
        var id = await _year.NewLkjipAsync("candipuro", "LKjIP Kecamatan Candipuro Tahun 2025");
        _year.Clock.Advance(TimeSpan.FromDays(3)); // the Camat's 10-minute disposisi is long late
        (await RunAsync()).NoticesMade.ShouldBe(1);
        var camat = await _year.ActorAsync("camat.candipuro");
        var staf = await _year.ActorAsync("staf.candipuro");

        var bell = await _year.InScopeAsync(sp => sp.GetRequiredService<MyNoticesHandler>().HandleAsync(camat));
        bell.Unread.ShouldBe(1);
        var notice = bell.Latest.Single();
        notice.DocumentId.ShouldBe(id);
        notice.Kind.ShouldBe(NoticeKinds.Late);
        notice.Title.ShouldStartWith("Terlambat: langkah 1");
        (await _year.InScopeAsync(sp => sp.GetRequiredService<MyNoticesHandler>().HandleAsync(staf))).Unread.ShouldBe(0);

        // Someone else's notice is not found; the owner marks it read.
        await Should.ThrowAsync<DocSignProblem>(() => _year.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<MarkNoticeReadHandler>().HandleAsync(staf, notice.Id);
            return 0;
        }));
        await _year.InScopeAsync(async sp => { await sp.GetRequiredService<MarkNoticeReadHandler>().HandleAsync(camat, notice.Id); return 0; });
        (await _year.InScopeAsync(sp => sp.GetRequiredService<MyNoticesHandler>().HandleAsync(camat))).Unread.ShouldBe(0);
    }
}

public sealed class SqliteRemindersTests() : RemindersTests(postgres: false);

public sealed class PostgresRemindersTests() : RemindersTests(postgres: true);
