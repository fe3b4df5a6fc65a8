namespace DocSign.Core.Reminders;

/// <summary>What a notice is about: a step nearing its deadline, or a step past it.</summary>
public static class NoticeKinds
{
    public const string DueSoon = "due-soon";
    public const string Late = "late";
}

/// <summary>
/// One reminder to one person about one step of one document's SOP run: shown under the bell in the top bar until read,
/// and (when e-mail is configured and the person has an address) sent by e-mail. <see cref="Key"/> is unique in the
/// database, so a reminder run that happens twice, or on two instances, makes the notice once; the e-mail is sent
/// only while <see cref="EmailSentAt"/> is empty, and a failed send stays pending for the next run.
/// </summary>
public sealed class Notice
{
    public const int MaxTitleLength = 300;
    public const int MaxBodyLength = 4000;
    public const int MaxErrorLength = 500;

    private Notice() { }

    public Notice(Guid id, string key, string userId, string userName, string officeId, Guid documentId, string stepId, string kind,
        string title, string body, string link, string? emailTo, DateTimeOffset createdAt)
    {
        Id = id;
        Key = key;
        UserId = userId;
        UserName = userName;
        OfficeId = officeId;
        DocumentId = documentId;
        StepId = stepId;
        Kind = kind;
        Title = Cut(title, MaxTitleLength);
        Body = Cut(body, MaxBodyLength);
        Link = link;
        EmailTo = emailTo;
        CreatedAt = createdAt;
    }

    /// <summary>The reminder's identity: the workflow run, the step, when the step was entered, the kind and the person.</summary>
    public static string KeyOf(Guid instanceId, string stepId, DateTimeOffset stepStartedAt, string kind, string userId) =>
        $"{instanceId:N}/{stepId}/{stepStartedAt.UtcTicks}/{kind}/{userId}";

    public Guid Id { get; private set; }
    public string Key { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string OfficeId { get; private set; } = "";
    public Guid DocumentId { get; private set; }
    public string StepId { get; private set; } = "";
    /// <summary>One of <see cref="NoticeKinds"/>.</summary>
    public string Kind { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>Where the notice leads (the document's page), absolute.</summary>
    public string Link { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>The address the e-mail goes to; null when no e-mail is to be sent (e-mail off, or no address on record).</summary>
    public string? EmailTo { get; private set; }
    public DateTimeOffset? EmailSentAt { get; private set; }
    public int EmailAttempts { get; private set; }
    /// <summary>Why the last send failed (English, for the admin; never a secret).</summary>
    public string? EmailLastError { get; private set; }

    public bool IsRead => ReadAt is not null;

    public bool EmailPending => EmailTo is not null && EmailSentAt is null;

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;

    public void EmailSent(DateTimeOffset at)
    {
        EmailSentAt = at;
        EmailAttempts++;
        EmailLastError = null;
    }

    public void EmailFailed(string error)
    {
        EmailAttempts++;
        EmailLastError = Cut(error, MaxErrorLength);
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
