using DocSign.Core.Ports;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Signing;

/// <summary>Enrolled keys in the application database (the PKCS#12 bytes as uploaded; no passphrase column exists).</summary>
internal sealed class EfSignerKeyStore(DocSignDbContext db) : ISignerKeyStore
{
    public Task<SignerEnrolment?> FindActiveAsync(string userId, string officeId, SignatureKind purpose, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<SignerEnrolment>()
            .Where(e => e.UserId == userId && e.OfficeId == officeId && e.Purpose == purpose && e.RetiredAt == null)
            .FirstOrDefaultAsync(cancellationToken)); // at most one is active: a new enrolment retires the old one

    public Task<IReadOnlyList<SignerEnrolment>> ListActiveAsync(string userId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => (IReadOnlyList<SignerEnrolment>)(await db.Set<SignerEnrolment>().AsNoTracking()
            .Where(e => e.UserId == userId && e.RetiredAt == null)
            .ToListAsync(cancellationToken))
            .OrderBy(e => e.OfficeId, StringComparer.Ordinal).ThenBy(e => e.Purpose).ToList());

    public Task AddAsync(SignerEnrolment enrolment, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var previous = await db.Set<SignerEnrolment>()
                .Where(e => e.UserId == enrolment.UserId && e.OfficeId == enrolment.OfficeId && e.Purpose == enrolment.Purpose && e.RetiredAt == null)
                .ToListAsync(cancellationToken);
            foreach (var p in previous) p.Retire(enrolment.EnrolledAt);
            db.Add(enrolment);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });

    public Task SaveAsync(CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => { await db.SaveChangesAsync(cancellationToken); return true; });

    public Task<PassphraseAttempt> BeginPassphraseAttemptAsync(SignerEnrolment enrolment, Func<int, DateTimeOffset?, TimeSpan> waitBefore,
        DateTimeOffset now, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var (attempt, last) = await WriteLockedTransaction.RunAsync(db, async transaction =>
            {
                // The row lock (PostgreSQL; SQLite's BEGIN IMMEDIATE already holds the database's) before the counters are read.
                if (db.Database.IsNpgsql())
                    await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"SignerEnrolments\" WHERE \"Id\" = {enrolment.Id} FOR UPDATE", cancellationToken);
                var stored = await db.Set<SignerEnrolment>().AsNoTracking().Where(e => e.Id == enrolment.Id)
                    .Select(e => new { e.FailedAttempts, e.LastFailureAt }).SingleAsync(cancellationToken);
                var wait = waitBefore(stored.FailedAttempts, stored.LastFailureAt);
                if (wait > TimeSpan.Zero) return (new PassphraseAttempt(wait, stored.FailedAttempts), stored.LastFailureAt);
                var failed = stored.FailedAttempts + 1;
                await db.Set<SignerEnrolment>().Where(e => e.Id == enrolment.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(e => e.FailedAttempts, failed)
                    .SetProperty(e => e.LastFailureAt, now), cancellationToken);
                return (new PassphraseAttempt(TimeSpan.Zero, failed), (DateTimeOffset?)now);
            }, cancellationToken);
            Track(enrolment, attempt.FailedAttempts, last);
            return attempt;
        });

    public Task ReleasePassphraseAttemptAsync(SignerEnrolment enrolment, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            await db.Set<SignerEnrolment>().Where(e => e.Id == enrolment.Id && e.FailedAttempts > 0)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.FailedAttempts, e => e.FailedAttempts - 1), cancellationToken);
            var stored = await db.Set<SignerEnrolment>().AsNoTracking().Where(e => e.Id == enrolment.Id)
                .Select(e => new { e.FailedAttempts, e.LastFailureAt }).SingleAsync(cancellationToken);
            Track(enrolment, stored.FailedAttempts, stored.LastFailureAt);
            return true;
        });

    /// <summary>The loaded entity as stored, so that a later save (the good passphrase's reset) is seen as a change.</summary>
    private void Track(SignerEnrolment enrolment, int failedAttempts, DateTimeOffset? lastFailureAt)
    {
        var entry = db.Entry(enrolment);
        if (entry.State == EntityState.Detached) return;
        Unchanged(entry.Property(e => e.FailedAttempts), failedAttempts);
        Unchanged(entry.Property(e => e.LastFailureAt), lastFailureAt);
    }

    /// <summary>Sets a loaded value as stored: setting it marks it modified, which would write it back (stale) with the next save.</summary>
    private static void Unchanged<T>(Microsoft.EntityFrameworkCore.ChangeTracking.PropertyEntry<SignerEnrolment, T> property, T value)
    {
        property.CurrentValue = value;
        property.OriginalValue = value;
        property.IsModified = false;
    }
}
