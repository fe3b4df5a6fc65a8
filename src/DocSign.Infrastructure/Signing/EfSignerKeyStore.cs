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
}
