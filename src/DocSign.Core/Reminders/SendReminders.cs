using DocSign.Core.Calendar;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Signing;
using DocSign.Core.Text;
using DocSign.Core.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Core.Reminders;

/// <summary>What one reminder run did.</summary>
public sealed record ReminderRunResult(int NoticesMade, int EmailsSent, int EmailsFailed);

/// <summary>
/// The reminder run (a scheduled job calls it): every running step with a deadline gets, for each person who holds it
/// (the office members with the step's office roles and the users named on it, or the Plh./Plt. in the Camat's place),
/// one notice "before the deadline" once <see cref="ReminderOptions.LeadTime"/> (or half the step's time) is left, and
/// one notice "late" once the deadline has passed: each made once, keyed in the database. A step first seen after its
/// deadline gets only the late notice. Then every notice whose e-mail is still due is sent; a failed send is logged and
/// left for the next run, and the notice under the bell is there either way.
/// </summary>
public sealed class SendRemindersHandler(
    INoticeStore notices,
    IOfficeMembers members,
    IWorkflowRepository workflows,
    OfficeCalendars calendars,
    IEmailSender email,
    TimeProvider clock,
    IOptions<ReminderOptions> options,
    IOptions<SigningOptions> site,
    ILogger<SendRemindersHandler> logger)
{
    public const int BatchSize = 500;

    public async Task<ReminderRunResult> HandleAsync(CancellationToken cancellationToken = default)
    {
        var made = await MakeNoticesAsync(cancellationToken);
        var (sent, failed) = email.Enabled ? await SendPendingAsync(cancellationToken) : (0, 0);
        return new ReminderRunResult(made, sent, failed);
    }

    private async Task<int> MakeNoticesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lead = options.Value.LeadTime;
        var running = await DatabaseGuard.RunAsync(() => notices.ListRunningDueByAsync(now + lead, BatchSize, cancellationToken));
        var mappings = new Dictionary<string, OfficeWorkflow?>(StringComparer.Ordinal);
        var wanted = new List<(string Key, Func<Notice> Make)>();
        foreach (var summary in running)
        {
            var instance = summary.Instance;
            if (instance.StepDeadline is not { } deadline || SopTemplateLoader.Find(instance.TemplateKey) is not { } sop
                || instance.CurrentStep(sop) is not { } step) continue;
            var kind = now > deadline ? NoticeKinds.Late : now >= DueSoonAt(instance.StepStartedAt, deadline, lead) ? NoticeKinds.DueSoon : null;
            if (kind is null) continue;
            if (!mappings.TryGetValue(instance.OfficeId, out var mapping))
                mappings[instance.OfficeId] = mapping = await DatabaseGuard.RunAsync(() => workflows.FindOfficeWorkflowAsync(instance.OfficeId, cancellationToken));
            if (mapping is null) continue;
            var (roles, users) = mapping.Holders(step);
            var holders = await DatabaseGuard.RunAsync(() => members.FindAsync(instance.OfficeId, roles, users, cancellationToken));
            if (holders.Count == 0)
            {
                logger.LogWarning("Step {Step} of document {DocumentId} ({Office}) has nobody to remind", step.Id, instance.DocumentId, instance.OfficeId);
                continue;
            }
            var zone = (await calendars.ForOfficeAsync(instance.OfficeId, cancellationToken)).Zone;
            foreach (var person in holders)
            {
                var key = Notice.KeyOf(instance.Id, step.Id, instance.StepStartedAt, kind, person.UserId);
                var text = ReminderText.For(kind, summary, step, deadline, zone, site.Value.PublicBaseUrl, person);
                wanted.Add((key, () => new Notice(Guid.NewGuid(), key, person.UserId, person.UserName, instance.OfficeId, instance.DocumentId, step.Id, kind,
                    text.Subject, text.Body, text.Link, email.Enabled && !string.IsNullOrWhiteSpace(person.Email) ? person.Email!.Trim() : null, now)));
            }
        }
        if (wanted.Count == 0) return 0;
        var existing = await DatabaseGuard.RunAsync(() => notices.ExistingKeysAsync(wanted.Select(w => w.Key).ToList(), cancellationToken));
        var fresh = wanted.Where(w => !existing.Contains(w.Key)).ToList();
        foreach (var (_, make) in fresh) notices.Add(make());
        if (fresh.Count > 0) await DatabaseGuard.RunAsync(() => notices.SaveAsync(cancellationToken));
        logger.LogInformation("Reminder run made {Count} notice(s)", fresh.Count);
        return fresh.Count;
    }

    /// <summary>When the "before the deadline" reminder is due: the lead time before it, but not before half the step's time.</summary>
    public static DateTimeOffset DueSoonAt(DateTimeOffset started, DateTimeOffset deadline, TimeSpan lead)
    {
        var half = started + (deadline - started) / 2;
        var before = deadline - lead;
        return before > half ? before : half;
    }

    private async Task<(int Sent, int Failed)> SendPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await DatabaseGuard.RunAsync(() => notices.ListEmailPendingAsync(options.Value.MaxEmailAttempts, BatchSize, cancellationToken));
        if (pending.Count == 0) return (0, 0);
        var messages = pending.Select(n => new EmailMessage(n.EmailTo!, n.UserName, n.Title, n.Body + "\n\n" + n.Link + "\n")).ToList();
        var outcomes = await email.SendAsync(messages, cancellationToken);
        var now = clock.GetUtcNow();
        int sent = 0, failed = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            if (outcomes[i] is null) { pending[i].EmailSent(now); sent++; continue; }
            pending[i].EmailFailed(outcomes[i]!);
            failed++;
            logger.LogWarning("Reminder e-mail {NoticeId} to user {User} not sent (attempt {Attempt}, retried by the next run): {Reason}",
                pending[i].Id, pending[i].UserName, pending[i].EmailAttempts, outcomes[i]);
        }
        await DatabaseGuard.RunAsync(() => notices.SaveAsync(cancellationToken));
        return (sent, failed);
    }
}

/// <summary>The reminder's words (Bahasa Indonesia): subject, body, and the link to the document.</summary>
public sealed record ReminderText(string Subject, string Body, string Link)
{
    public static ReminderText For(string kind, WorkflowSummary document, SopStep step, DateTimeOffset deadline, TimeZoneInfo zone,
        string publicBaseUrl, OfficeMember person)
    {
        var local = TimeZoneInfo.ConvertTime(deadline, zone);
        var when = $"{IndonesianText.Date(DateOnly.FromDateTime(local.DateTime))} pukul {local:HH:mm} {OfficeZones.Label(zone.Id)}";
        var link = $"{publicBaseUrl.TrimEnd('/')}/dokumen/{document.Instance.DocumentId}";
        var late = kind == NoticeKinds.Late;
        var subject = late
            ? $"Terlambat: langkah {step.Number} \"{Short(step.Text)}\" pada {document.Title}"
            : $"Pengingat: langkah {step.Number} \"{Short(step.Text)}\" pada {document.Title} jatuh tempo {when}";
        var body = $"Yth. {person.DisplayName},\n\n"
                   + (late
                       ? $"Langkah {step.Number} SOP \"{step.Text}\" pada dokumen \"{document.Title}\" (tahun {document.Year}) telah melewati batas waktunya, {when}. Mohon segera diselesaikan."
                       : $"Langkah {step.Number} SOP \"{step.Text}\" pada dokumen \"{document.Title}\" (tahun {document.Year}) menunggu Anda dan harus selesai paling lambat {when}.")
                   + "\n\nBuka dokumen di DocSign:";
        return new ReminderText(subject, body, link);
    }

    private static string Short(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
