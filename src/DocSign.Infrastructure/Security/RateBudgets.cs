using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DocSign.Infrastructure.Security;

/// <summary>Requests counted against one key (a user, a client address) in one fixed window: a row per key and window.</summary>
public sealed class RateBudget
{
    public const int MaxKeyLength = 200;

    public required string Key { get; init; }
    public long WindowStartUnixMs { get; init; }
    public int Count { get; set; }
}

/// <summary>
/// Per-minute budgets shared by every instance (the token, verification and copy-comparison limits): the count of a
/// key's window lives in the database and is raised by one atomic upsert, so a caller spread over several instances
/// behind the proxy gets the same budget as on one. Concurrency caps stay per instance (they protect its CPU).
/// </summary>
public sealed class RateBudgets(IServiceScopeFactory scopes)
{
    /// <summary>Takes one from <paramref name="key"/>'s budget of <paramref name="limit"/> per <paramref name="window"/>; when spent, how long until the next window.</summary>
    public async Task<(bool Taken, TimeSpan RetryAfter)> TryTakeAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        if (key.Length > RateBudget.MaxKeyLength) key = key[..RateBudget.MaxKeyLength];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var size = Math.Max(1, (long)window.TotalMilliseconds);
        var start = now - now % size;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
        // The same statement on PostgreSQL and SQLite (3.35+): insert the window's row or count one more, atomically.
        var count = (await db.Database.SqlQueryRaw<int>(
            "INSERT INTO \"RateBudgets\" (\"Key\", \"WindowStartUnixMs\", \"Count\") VALUES ({0}, {1}, 1) " +
            "ON CONFLICT (\"Key\", \"WindowStartUnixMs\") DO UPDATE SET \"Count\" = \"RateBudgets\".\"Count\" + 1 RETURNING \"Count\" AS \"Value\"",
            key, start).ToListAsync(cancellationToken)).Single();
        if (count == 1 && Random.Shared.Next(64) == 0)   // now and then, forget windows older than an hour
        {
            var old = now - 3_600_000 - size;
            await db.Set<RateBudget>().Where(b => b.WindowStartUnixMs < old).ExecuteDeleteAsync(cancellationToken);
        }
        return count <= limit ? (true, TimeSpan.Zero) : (false, TimeSpan.FromMilliseconds(start + size - now));
    }
}
