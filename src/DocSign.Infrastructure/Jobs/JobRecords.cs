using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// The jobs' records in DocSign's database (<see cref="JobRecord"/>): every statement is one atomic update, so any
/// number of instances (or Hangfire workers of one instance) may report at once. Job scheduling runs on the real
/// clock; the domain clock decides dates and retention inside the jobs, not when they run or back off.
/// </summary>
public sealed class JobRecords(IServiceScopeFactory scopes)
{
    private static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private async Task<T> WithDbAsync<T>(Func<DocSignDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DocSignDbContext>());
    }

    public Task<List<JobRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().ToListAsync(cancellationToken));

    public Task<JobRecord?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Name == name, cancellationToken));

    /// <summary>Makes the job's row if it has none yet (two instances may race: the loser finds the winner's row).</summary>
    public async Task EnsureAsync(JobDefinition job, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(job.Name, cancellationToken) is not null) return;
        try
        {
            await WithDbAsync(async db =>
            {
                db.Add(new JobRecord { Name = job.Name, Group = job.Group });
                return await db.SaveChangesAsync(cancellationToken);
            });
        }
        catch (DbUpdateException)
        {
            if (await FindAsync(job.Name, cancellationToken) is null) throw;   // not a lost race
        }
    }

    /// <summary>Takes the sweep's lease unless another run holds one that has not run out; true when taken.</summary>
    public Task<bool> TryLeaseAsync(string name, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = NowMs;
        var until = now + (long)lease.TotalMilliseconds;
        return WithDbAsync(async db => await db.Set<JobRecord>().Where(r => r.Name == name && r.LeaseUntilUnixMs < now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntilUnixMs, until).SetProperty(r => r.LeaseOwner, owner), cancellationToken) == 1);
    }

    /// <summary>Extends a lease this run still holds; false when it was lost (ran out and was taken by another run).</summary>
    public Task<bool> RenewAsync(string name, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var until = NowMs + (long)lease.TotalMilliseconds;
        return WithDbAsync(async db => await db.Set<JobRecord>().Where(r => r.Name == name && r.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntilUnixMs, until), cancellationToken) == 1);
    }

    public Task StartedAsync(string name, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        return WithDbAsync(db => db.Set<JobRecord>().Where(r => r.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Runs, r => r.Runs + 1).SetProperty(r => r.LastRunAt, now), cancellationToken));
    }

    public Task SucceededAsync(string name, string? owner, string result)
    {
        var now = DateTimeOffset.UtcNow;
        result = Cut(result, JobRecord.MaxResultLength);
        return WithDbAsync(async db =>
        {
            await Release(db, name, owner);
            return await db.Set<JobRecord>().Where(r => r.Name == name)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastSuccessAt, now).SetProperty(r => r.Failures, 0).SetProperty(r => r.LastResult, result));
        });
    }

    public Task FailedAsync(string name, string? owner, string error)
    {
        error = Cut($"{DateTimeOffset.UtcNow:O} {error}", JobRecord.MaxErrorLength);
        return WithDbAsync(async db =>
        {
            await Release(db, name, owner);
            return await db.Set<JobRecord>().Where(r => r.Name == name)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Failures, r => r.Failures + 1).SetProperty(r => r.LastError, error));
        });
    }

    /// <summary>Gives the lease back (a run that was cancelled, say by shutdown, so the next need not wait it out).</summary>
    public Task ReleaseAsync(string name, string owner) => WithDbAsync(db => Release(db, name, owner));

    private static Task<int> Release(DocSignDbContext db, string name, string? owner) =>
        owner is null ? Task.FromResult(0) : db.Set<JobRecord>().Where(r => r.Name == name && r.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntilUnixMs, 0L).SetProperty(r => r.LeaseOwner, (string?)null));

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
