using DocSign.Core.Ports;

namespace DocSign.Core.Reminders;

/// <summary>Notices in the database, and what the reminder run reads to make them.</summary>
public interface INoticeStore
{
    /// <summary>Running workflows whose current step has a deadline at or before <paramref name="dueBy"/> (read-only), with titles.</summary>
    Task<IReadOnlyList<WorkflowSummary>> ListRunningDueByAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default);

    /// <summary>Which of these keys already have a notice.</summary>
    Task<IReadOnlySet<string>> ExistingKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    void Add(Notice notice);

    /// <summary>Notices whose e-mail is still to be sent (tracked), oldest first.</summary>
    Task<IReadOnlyList<Notice>> ListEmailPendingAsync(int maxAttempts, int max, CancellationToken cancellationToken = default);

    /// <summary>The person's newest notices (tracked) and how many are unread.</summary>
    Task<(IReadOnlyList<Notice> Latest, int Unread)> ForUserAsync(string userId, int max, CancellationToken cancellationToken = default);

    Task<Notice?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Marks every unread notice of the person read; returns how many.</summary>
    Task<int> MarkAllReadAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Saves what is staged. Notices another run made meanwhile (the same key) are dropped, not an error.</summary>
    Task SaveAsync(CancellationToken cancellationToken = default);
}

/// <summary>One e-mail: plain text, one recipient.</summary>
public sealed record EmailMessage(string To, string ToName, string Subject, string Body);

/// <summary>Sends e-mail (SMTP in production). <see cref="Enabled"/> is false when no server is configured.</summary>
public interface IEmailSender
{
    bool Enabled { get; }

    /// <summary>Sends the messages over one connection; returns, per message, null when sent or why it was not (English).</summary>
    Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken = default);
}

/// <summary>Stand-in when no SMTP server is configured: e-mail is off.</summary>
public sealed class NoEmail : IEmailSender
{
    public bool Enabled => false;

    public Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string?>>(messages.Select(_ => (string?)"e-mail is not configured").ToList());
}
