using System.Security.Cryptography;
using System.Text;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Security;

/// <summary>
/// The server side of sign-ins (<see cref="AuthSession"/>): started at sign-in, touched while used, ended by the owner's
/// own actions (logout, password change, ending it on the Sesi page) or an admin lock. Shared by every instance
/// through the database, so an ended session is refused by all of them from the next request on.
/// </summary>
public sealed class SessionStore(DocSignDbContext db, TimeProvider clock)
{
    /// <summary>A session's last-seen time is written at most this often (a write per request would cost every request).</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public sealed record Started(string Id, DateTimeOffset ExpiresAt);

    public async Task<Started> StartAsync(string userId, string kind, DateTimeOffset expiresAt, string? address, string? device,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var session = new AuthSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), UserId = userId, Kind = kind,
            CreatedAtUnixMs = now, LastSeenAtUnixMs = now, ExpiresAtUnixMs = expiresAt.ToUnixTimeMilliseconds(),
            ClientAddress = Clip(address, AuthSessionConfiguration.AddressLength), Device = Clip(device, AuthSessionConfiguration.DeviceLength),
        };
        db.Set<AuthSession>().Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(session).State = EntityState.Detached;
        // Now and then, rows that cannot be used any more (ended or expired a day ago) go.
        if (Random.Shared.Next(100) == 0)
        {
            var old = now - (long)TimeSpan.FromDays(1).TotalMilliseconds;
            await db.Set<AuthSession>().Where(s => s.ExpiresAtUnixMs < old || s.EndedAtUnixMs < old).ExecuteDeleteAsync(cancellationToken);
        }
        return new(session.Id, expiresAt);
    }

    /// <summary>Records that the session was used now, when its last record is older than <see cref="TouchInterval"/>.</summary>
    public Task TouchAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var before = now - (long)TouchInterval.TotalMilliseconds;
        return db.Set<AuthSession>().Where(s => s.Id == sessionId && s.LastSeenAtUnixMs < before)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUnixMs, now), cancellationToken);
    }

    /// <summary>Ends one session of the user (false when it is not his or already ended).</summary>
    public async Task<bool> EndAsync(string userId, string sessionId, string reason, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return await db.Set<AuthSession>().Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAtUnixMs == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAtUnixMs, now).SetProperty(s => s.EndReason, reason), cancellationToken) > 0;
    }

    /// <summary>Ends every session of the user, except <paramref name="keep"/> when given; returns how many ended.</summary>
    public Task<int> EndAllAsync(string userId, string reason, string? keep = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return db.Set<AuthSession>().Where(s => s.UserId == userId && s.EndedAtUnixMs == null && s.Id != keep)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAtUnixMs, now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    /// <summary>The user's sessions still in force (browser sessions idle longer than <paramref name="browserIdle"/> are not), newest use first.</summary>
    public async Task<IReadOnlyList<AuthSession>> ActiveAsync(string userId, TimeSpan browserIdle, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var idleSince = now - (long)browserIdle.TotalMilliseconds;
        return await db.Set<AuthSession>().AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAtUnixMs == null && s.ExpiresAtUnixMs > now
                        && (s.Kind != AuthSession.Browser || s.LastSeenAtUnixMs > idleSince))
            .OrderByDescending(s => s.LastSeenAtUnixMs)
            .ToListAsync(cancellationToken);
    }

    // ---- places an account signed in from -------------------------------------------------------------------------

    public static string AddressSource(string? address) => "ip:" + (address ?? "unknown");

    /// <summary>A device cookie's value is a secret: only its hash is stored.</summary>
    public static string DeviceSource(string deviceId) =>
        "dev:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deviceId)));

    /// <summary>Which of <paramref name="sources"/> the user has signed in from before.</summary>
    public async Task<HashSet<string>> KnownSourcesAsync(string userId, IReadOnlyCollection<string> sources, CancellationToken cancellationToken = default)
    {
        var found = await db.Set<SignInSource>().AsNoTracking()
            .Where(s => s.UserId == userId && sources.Contains(s.Key)).Select(s => s.Key).ToListAsync(cancellationToken);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Remembers that the user signed in from these places now.</summary>
    public async Task RememberSourcesAsync(string userId, IEnumerable<string> sources, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var key in sources)
        {
            var updated = await db.Set<SignInSource>().Where(s => s.UserId == userId && s.Key == key)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSuccessUnixMs, now), cancellationToken);
            if (updated > 0) continue;
            db.Set<SignInSource>().Add(new SignInSource { UserId = userId, Key = key, LastSuccessUnixMs = now });
            try { await db.SaveChangesAsync(cancellationToken); }
            catch (DbUpdateException) { /* a parallel sign-in from the same place wrote it first */ }
            finally { db.ChangeTracker.Clear(); }
        }
    }

    // ---- wrong passwords since the last sign-in -------------------------------------------------------------------

    /// <summary>Counts one wrong password for the account from <paramref name="address"/>; returns the count since the last sign-in.</summary>
    public async Task<int> CountFailureAsync(string userId, string? address, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var entry = (address ?? "?") + ";";
        var alerts = db.Set<SignInAlert>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var updated = await alerts.Where(a => a.UserId == userId)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Failures, a => a.Failures + 1).SetProperty(a => a.LastFailureUnixMs, now), cancellationToken);
            if (updated > 0)
            {
                await alerts.Where(a => a.UserId == userId && a.Addresses.Length < SignInAlert.MaxAddressesLength && !a.Addresses.Contains(entry))
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.Addresses, a => a.Addresses + entry), cancellationToken);
                return await alerts.AsNoTracking().Where(a => a.UserId == userId).Select(a => a.Failures).FirstOrDefaultAsync(cancellationToken);
            }
            alerts.Add(new SignInAlert { UserId = userId, Failures = 1, Addresses = entry, FirstFailureUnixMs = now, LastFailureUnixMs = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return 1;
            }
            catch (DbUpdateException) { /* a parallel failure made the row first: count on it */ }
            finally { db.ChangeTracker.Clear(); }
        }
        return 0;
    }

    /// <summary>The wrong passwords since the last sign-in, and forgets them (the owner has just been told).</summary>
    public async Task<SignInAlert?> TakeAlertAsync(string userId, CancellationToken cancellationToken = default)
    {
        var alert = await db.Set<SignInAlert>().AsNoTracking().FirstOrDefaultAsync(a => a.UserId == userId, cancellationToken);
        if (alert is null) return null;
        // Only what was read is forgotten: a failure counted meanwhile stays for the next time.
        await db.Set<SignInAlert>().Where(a => a.UserId == userId && a.Failures == alert.Failures).ExecuteDeleteAsync(cancellationToken);
        return alert;
    }

    /// <summary>Accounts with wrong passwords since their last sign-in, most failures first (the admin's view).</summary>
    public async Task<IReadOnlyList<(SignInAlert Alert, string UserName)>> AlertsAsync(int max, CancellationToken cancellationToken = default)
    {
        var rows = await (from a in db.Set<SignInAlert>().AsNoTracking()
                          join u in db.Users.AsNoTracking() on a.UserId equals u.Id
                          orderby a.Failures descending
                          select new { a, u.UserName }).Take(max).ToListAsync(cancellationToken);
        return rows.Select(r => (r.a, r.UserName ?? r.a.UserId)).ToList();
    }

    private static string? Clip(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..max];
}
