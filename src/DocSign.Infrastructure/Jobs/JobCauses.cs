using System.Data.Common;
using System.Runtime.CompilerServices;
using DocSign.Core.Letters;
using DocSign.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// Enqueues a job when its cause is committed, without the use cases knowing of jobs: a saved signature enqueues
/// the document's surat pengantar, a letter saved as dispatched enqueues its archive copies. Enqueued only after the
/// commit (a rolled-back signature enqueues nothing); a job lost on the way is made good by its sweep.
/// </summary>
public sealed class JobCauses(IJobQueue queue) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Action>> _pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Flush(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Drop(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        List<Action>? found = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case DocumentVersion { Stage: VersionStage.Signed } v when entry.State == EntityState.Added:
                    var documentId = v.DocumentId;
                    (found ??= []).Add(() => queue.Enqueue<CoverLetterJob>(documentId));
                    break;
                case Letter { Status: LetterStatus.Dispatched } l when entry.State == EntityState.Modified
                    && !Equals(entry.Property(nameof(Letter.Status)).OriginalValue, LetterStatus.Dispatched):
                    var letterId = l.Id;
                    (found ??= []).Add(() => queue.Enqueue<ArchiveJob>(letterId));
                    break;
            }
        }
        if (found is null) return;
        lock (_pending) _pending.GetOrCreateValue(context).AddRange(found);
    }

    private void Flush(DbContext? context)
    {
        if (context is null) return;
        List<Action> due;
        lock (_pending)
        {
            if (!_pending.TryGetValue(context, out var list) || list.Count == 0) return;
            due = [.. list];
            list.Clear();
        }
        foreach (var enqueue in due) enqueue();
    }

    private void Drop(DbContext? context)
    {
        if (context is null) return;
        lock (_pending) if (_pending.TryGetValue(context, out var list)) list.Clear();
    }
}
