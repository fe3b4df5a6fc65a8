using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Persistence;

/// <summary>Workflows in the application database; staged changes share the request's unit of work (and its audit events).</summary>
public sealed class WorkflowRepository(DocSignDbContext db, TimeProvider clock) : IWorkflowRepository
{
    /// <summary>The office's mapping as it stands now: the Camat's steps routed to the Plh./Plt. in force at the clock's now, if any.</summary>
    public Task<OfficeWorkflow?> FindOfficeWorkflowAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var workflow = await db.Set<OfficeWorkflow>().Include(o => o.Assignments).FirstOrDefaultAsync(o => o.OfficeId == officeId, cancellationToken);
            workflow?.RouteHeadTo(await ActingAssignmentStore.InForce(db, officeId, clock.GetUtcNow(), cancellationToken));
            return workflow;
        });

    public void AddOfficeWorkflow(OfficeWorkflow workflow) => db.Set<OfficeWorkflow>().Add(workflow);

    public Task<WorkflowInstance?> FindByDocumentAsync(Guid documentId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<WorkflowInstance>().Include(i => i.Log).Include(i => i.Findings).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.DocumentId == documentId, cancellationToken));

    public void AddInstance(WorkflowInstance instance) => db.Set<WorkflowInstance>().Add(instance);

    public Task<IReadOnlyList<WorkflowSummary>> ListAsync(IReadOnlyCollection<string> offices, bool runningOnly, int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var query = WithTitles(offices, runningOnly);
            return await ListedAsync(query.OrderByDescending(x => x.Year).ThenBy(x => x.Title).ThenBy(x => x.Instance.Id), max, cancellationToken);
        });

    public Task<IReadOnlyList<WorkflowSummary>> ListRunningAsync(IReadOnlyCollection<string> offices, IReadOnlyCollection<string>? stepIds,
        DateTimeOffset? lateAt, int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var query = WithTitles(offices, runningOnly: true);
            if (stepIds is not null) query = query.Where(x => stepIds.Contains(x.Instance.CurrentStepId));
            if (lateAt is { } at)
            {
                var ticks = at.UtcTicks;
                query = query.Where(x => x.Instance.StepOverdue || (x.Instance.StepDeadlineTicks != null && x.Instance.StepDeadlineTicks < ticks));
            }
            return await ListedAsync(query.OrderBy(x => x.Instance.StepDeadlineTicks == null).ThenBy(x => x.Instance.StepDeadlineTicks)
                .ThenBy(x => x.Instance.Id), max, cancellationToken);
        });

    // Set by an initializer, not a constructor: EF translates later filters and orderings on initialized members only.
    private sealed class SummaryRow
    {
        public required WorkflowInstance Instance { get; init; }
        public required string Title { get; init; }
        public required int Year { get; init; }
        public required string Kind { get; init; }
    }

    /// <summary>The offices' workflows with their documents' titles (read-only), running only if asked.</summary>
    private IQueryable<SummaryRow> WithTitles(IReadOnlyCollection<string> offices, bool runningOnly)
    {
        var query = from i in db.Set<WorkflowInstance>().AsNoTracking()
                    join d in db.Set<Document>().AsNoTracking() on i.DocumentId equals d.Id
                    where offices.Contains(i.OfficeId)
                    select new SummaryRow { Instance = i, Title = d.Title, Year = d.Year, Kind = d.Kind };
        return runningOnly ? query.Where(x => x.Instance.Status == WorkflowStatus.Running) : query;
    }

    private static async Task<IReadOnlyList<WorkflowSummary>> ListedAsync(IQueryable<SummaryRow> ordered, int max, CancellationToken cancellationToken) =>
        (await ordered.Take(max).ToListAsync(cancellationToken)).Select(r => new WorkflowSummary(r.Instance, r.Title, r.Year, r.Kind)).ToList();

    public Task<IReadOnlyList<WorkflowInstance>> ListUnflaggedOverdueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var ticks = now.UtcTicks;
            var list = await db.Set<WorkflowInstance>().Include(i => i.Log).AsSplitQuery()
                .Where(i => i.Status == WorkflowStatus.Running && !i.StepOverdue && i.StepDeadlineTicks != null && i.StepDeadlineTicks < ticks)
                .OrderBy(i => i.StepDeadlineTicks).Take(max).ToListAsync(cancellationToken);
            return (IReadOnlyList<WorkflowInstance>)list;
        });

    public Task<OfficeSopVersion?> FindSopVersionAsync(string key, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<OfficeSopVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.Key == key, cancellationToken));

    public Task<int> CountSopVersionsAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<OfficeSopVersion>().CountAsync(v => v.OfficeId == officeId, cancellationToken));

    public void AddSopVersion(OfficeSopVersion version) => db.Set<OfficeSopVersion>().Add(version);

    public Task<IReadOnlyList<WorkflowInstance>> ListRunningInstancesAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => (IReadOnlyList<WorkflowInstance>)await db.Set<WorkflowInstance>()
            .Where(i => i.OfficeId == officeId && i.Status == WorkflowStatus.Running).OrderBy(i => i.Id).ToListAsync(cancellationToken));

    public Task<bool> AnyRunningAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<WorkflowInstance>().AnyAsync(i => i.OfficeId == officeId && i.Status == WorkflowStatus.Running, cancellationToken));

    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            db.ChangeTracker.Clear();
            throw new DocSignProblem(ProblemKind.Conflict, "Langkah ini baru saja diubah orang lain. Tidak ada yang tersimpan; muat ulang lalu coba lagi.", e);
        }
        catch (DbUpdateException e) when (DatabaseFaults.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            throw new DocSignProblem(ProblemKind.Conflict, "Langkah ini baru saja diubah orang lain. Tidak ada yang tersimpan; muat ulang lalu coba lagi.", e);
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
        {
            db.ChangeTracker.Clear();
            throw new DatabaseUnavailableException(e);
        }
        catch
        {
            // Leave nothing tracked that a retry on the same scope could save by accident.
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
