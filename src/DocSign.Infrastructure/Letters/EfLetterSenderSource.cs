using DocSign.Core.Letters;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Letters;

/// <summary>
/// The sender records of an office from its enrolled signers: every current enrolment to sign (not paraf) in the
/// office, with the authority, decree and period it was enrolled under. A Plh./Plt. assignment store can be added
/// beside it as another <see cref="ILetterSenderSource"/> record list.
/// </summary>
internal sealed class EfLetterSenderSource(DocSignDbContext db) : ILetterSenderSource
{
    public Task<IReadOnlyList<LetterSender>> CandidatesAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var officeName = await db.Offices.Where(o => o.Id == officeId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken) ?? officeId;
            var enrolments = await db.Set<SignerEnrolment>().AsNoTracking()
                .Where(e => e.OfficeId == officeId && e.Purpose == SignatureKind.Sign && e.RetiredAt == null)
                .ToListAsync(cancellationToken);
            // Oldest first, so that of two records of the same kind the longer-standing one is chosen.
            return (IReadOnlyList<LetterSender>)enrolments.OrderBy(e => e.EnrolledAt).Select(e => LetterSender.FromEnrolment(e, officeName)).ToList();
        });
}

/// <summary>Offices' local classification codes in the application database.</summary>
internal sealed class EfLocalClassificationCodes(DocSignDbContext db) : ILocalClassificationCodes
{
    public Task<IReadOnlyList<LocalClassificationCode>> ListAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => (IReadOnlyList<LocalClassificationCode>)await db.Set<LocalClassificationCode>().AsNoTracking()
            .Where(c => c.OfficeId == officeId).OrderBy(c => c.Code).ToListAsync(cancellationToken));

    public Task AddAsync(LocalClassificationCode code, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            db.Set<LocalClassificationCode>().Add(code);
            try { await db.SaveChangesAsync(cancellationToken); }
            catch { db.ChangeTracker.Clear(); throw; }
            return true;
        });
}
