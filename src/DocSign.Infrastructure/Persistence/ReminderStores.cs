using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Reminders;
using DocSign.Core.StandIns;
using DocSign.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

/// <summary>Notices in the application database (the request's or job's unit of work).</summary>
public sealed class NoticeStore(DocSignDbContext db) : INoticeStore
{
    public Task<IReadOnlyList<WorkflowSummary>> ListRunningDueByAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var ticks = dueBy.UtcTicks;
            var rows = await (from i in db.Set<WorkflowInstance>().AsNoTracking()
                              join d in db.Set<Document>().AsNoTracking() on i.DocumentId equals d.Id
                              where i.Status == WorkflowStatus.Running && i.StepDeadlineTicks != null && i.StepDeadlineTicks <= ticks
                              orderby i.StepDeadlineTicks, i.Id
                              select new { Instance = i, d.Title, d.Year, d.Kind }).Take(max).ToListAsync(cancellationToken);
            return (IReadOnlyList<WorkflowSummary>)rows.Select(r => new WorkflowSummary(r.Instance, r.Title, r.Year, r.Kind)).ToList();
        });

    public Task<IReadOnlySet<string>> ExistingKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in keys.Chunk(200))
                found.UnionWith(await db.Set<Notice>().AsNoTracking().Where(n => chunk.Contains(n.Key)).Select(n => n.Key).ToListAsync(cancellationToken));
            return (IReadOnlySet<string>)found;
        });

    public void Add(Notice notice) => db.Set<Notice>().Add(notice);

    public Task<IReadOnlyList<Notice>> ListEmailPendingAsync(int maxAttempts, int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => (IReadOnlyList<Notice>)await db.Set<Notice>()
            .Where(n => n.EmailTo != null && n.EmailSentAt == null && n.EmailAttempts < maxAttempts)
            .OrderBy(n => n.Id).Take(max).ToListAsync(cancellationToken));

    public Task<(IReadOnlyList<Notice> Latest, int Unread)> ForUserAsync(string userId, int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var mine = db.Set<Notice>().AsNoTracking().Where(n => n.UserId == userId);
            var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
            // Newest first; SQLite cannot order by DateTimeOffset, so ordered here (a person's notices are few).
            var latest = (await mine.ToListAsync(cancellationToken)).OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Take(max).ToList();
            return ((IReadOnlyList<Notice>)latest, unread);
        });

    public Task<Notice?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<Notice>().FirstOrDefaultAsync(n => n.Id == id, cancellationToken));

    public Task<int> MarkAllReadAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var unread = await db.Set<Notice>().Where(n => n.UserId == userId && n.ReadAt == null).ToListAsync(cancellationToken);
            foreach (var n in unread) n.MarkRead(at);
            await db.SaveChangesAsync(cancellationToken);
            return unread.Count;
        });

    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseFaults.IsUniqueViolation(e))
        {
            // Another run made some of these notices meanwhile: keep its rows and save ours one by one, dropping the duplicates.
            var staged = db.ChangeTracker.Entries<Notice>().Where(x => x.State == EntityState.Added).Select(x => x.Entity).ToList();
            db.ChangeTracker.Clear();
            foreach (var notice in staged)
            {
                db.Set<Notice>().Add(notice);
                try { await db.SaveChangesAsync(cancellationToken); }
                catch (DbUpdateException again) when (DatabaseFaults.IsUniqueViolation(again)) { db.ChangeTracker.Clear(); }
            }
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            db.ChangeTracker.Clear();
            throw new DatabaseUnavailableException(e);
        }
    }
}

/// <summary>Plh./Plt. assignments in the application database.</summary>
public sealed class ActingAssignmentStore(DocSignDbContext db) : IActingAssignments
{
    public Task<IReadOnlyList<ActingAssignment>> ListAsync(string officeId, bool tracked = false, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var query = db.Set<ActingAssignment>().Where(a => a.OfficeId == officeId);
            if (!tracked) query = query.AsNoTracking();
            return (IReadOnlyList<ActingAssignment>)await query.OrderByDescending(a => a.StartsAtTicks).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        });

    public Task<ActingAssignment?> InForceAsync(string officeId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => InForce(db, officeId, at, cancellationToken));

    /// <summary>The assignment in force for the office's Camat at <paramref name="at"/> (read-only), or null.</summary>
    internal static async Task<ActingAssignment?> InForce(DocSignDbContext db, string officeId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ticks = at.UtcTicks;
        var candidates = await db.Set<ActingAssignment>().AsNoTracking()
            .Where(a => a.OfficeId == officeId && a.StartsAtTicks <= ticks && a.EndsAtTicks > ticks)
            .OrderByDescending(a => a.StartsAtTicks).ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(a => a.InForceAt(at));
    }

    public Task<bool> HoldsOrWillHoldAsync(string userId, string officeId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var ticks = at.UtcTicks;
            var mine = await db.Set<ActingAssignment>().AsNoTracking()
                .Where(a => a.OfficeId == officeId && a.UserId == userId && a.EndsAtTicks > ticks).ToListAsync(cancellationToken);
            return mine.Any(a => a.NotOverAt(at));
        });

    public void Add(ActingAssignment assignment) => db.Set<ActingAssignment>().Add(assignment);

    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            db.ChangeTracker.Clear();
            throw new DatabaseUnavailableException(e);
        }
    }
}

/// <summary>An office's members with their names, NIPs and e-mail addresses.</summary>
public sealed class OfficeMembers(DocSignDbContext db) : IOfficeMembers
{
    public Task<IReadOnlyList<OfficeMember>> FindAsync(string officeId, IReadOnlyCollection<string> officeRoles, IReadOnlyCollection<string> userNames,
        CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var roles = officeRoles.ToList();
            var names = userNames.Select(n => n.Trim().ToUpperInvariant()).ToList();
            var rows = await (from m in db.Memberships.AsNoTracking()
                              join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                              where m.OfficeId == officeId && (roles.Contains(m.Role) || names.Contains(u.NormalizedUserName!))
                              select new { u.Id, u.UserName, u.DisplayName, u.Nip, u.Email }).ToListAsync(cancellationToken);
            return (IReadOnlyList<OfficeMember>)rows.DistinctBy(r => r.Id).OrderBy(r => r.UserName, StringComparer.Ordinal)
                .Select(r => new OfficeMember(r.Id, r.UserName ?? r.Id, r.DisplayName, r.Nip, r.Email)).ToList();
        });
}
