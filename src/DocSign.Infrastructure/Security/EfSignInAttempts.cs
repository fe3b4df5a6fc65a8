using DocSign.Core.Access;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Security;

/// <summary>
/// The sign-in events in the database (<see cref="SignInAttempt"/>, Unix milliseconds): shared by every instance. Now
/// and then, events older than any window anyone uses (a day) are deleted while counting.
/// </summary>
internal sealed class EfSignInAttempts(DocSignDbContext db) : ISignInAttempts
{
    public async Task<IReadOnlyList<DateTimeOffset>> RecentAsync(string key, DateTimeOffset since, int max, CancellationToken cancellationToken = default)
    {
        var after = since.ToUnixTimeMilliseconds();
        var recent = await db.Set<SignInAttempt>().AsNoTracking()
            .Where(a => a.Key == key && a.AtUnixMs > after)
            .OrderByDescending(a => a.AtUnixMs).Select(a => a.AtUnixMs).Take(max)
            .ToListAsync(cancellationToken);
        return recent.Select(DateTimeOffset.FromUnixTimeMilliseconds).ToList();
    }

    public async Task CountAsync(IEnumerable<string> keys, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var now = at.ToUnixTimeMilliseconds();
        foreach (var key in keys)
            db.Set<SignInAttempt>().Add(new SignInAttempt { Id = Guid.NewGuid(), Key = key, AtUnixMs = now });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        if (Random.Shared.Next(200) == 0)
        {
            var old = now - (long)TimeSpan.FromDays(1).TotalMilliseconds;
            await db.Set<SignInAttempt>().Where(a => a.AtUnixMs < old).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public Task ForgetAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        db.Set<SignInAttempt>().Where(a => keys.Contains(a.Key)).ExecuteDeleteAsync(cancellationToken);
}
