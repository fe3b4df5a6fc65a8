using DocSign.Core.Access;
using DocSign.Core.Problems;

namespace DocSign.Core.Reminders;

/// <summary>The bell: the person's newest notices and how many are unread.</summary>
public sealed record NoticeList(IReadOnlyList<Notice> Latest, int Unread);

/// <summary>The signed-in person's notices (only their own), newest first.</summary>
public sealed class MyNoticesHandler(INoticeStore notices)
{
    public const int MaxShown = 50;

    public async Task<NoticeList> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var (latest, unread) = await DatabaseGuard.RunAsync(() => notices.ForUserAsync(actor.UserId, MaxShown, cancellationToken));
        return new NoticeList(latest, unread);
    }
}

/// <summary>Marks one of the person's notices read (or all of them); someone else's notice is a 404 like a missing one.</summary>
public sealed class MarkNoticeReadHandler(INoticeStore notices, TimeProvider clock)
{
    public async Task HandleAsync(Actor actor, Guid? noticeId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (noticeId is null)
        {
            await DatabaseGuard.RunAsync(() => notices.MarkAllReadAsync(actor.UserId, now, cancellationToken));
            return;
        }
        var notice = await DatabaseGuard.RunAsync(() => notices.FindAsync(noticeId.Value, cancellationToken));
        if (notice is null || notice.UserId != actor.UserId) throw DocSignProblem.NotFound("Pemberitahuan tidak ditemukan.");
        notice.MarkRead(now);
        await DatabaseGuard.RunAsync(() => notices.SaveAsync(cancellationToken));
    }
}
