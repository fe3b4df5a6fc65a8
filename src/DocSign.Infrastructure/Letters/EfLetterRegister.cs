using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Letters;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Letters;

/// <summary>
/// The register in the application database. A number is taken in one transaction that holds the office-year
/// counter row (<see cref="RegisterTransaction"/>): requests that arrive together are numbered together in one such
/// transaction (<see cref="LetterNumberLanes"/>). No sequence and no retry-on-conflict: either the counter moves and
/// the letter row exists, or neither (a unique index on office, year, number and sisipan stands behind it).
/// </summary>
public sealed class EfLetterRegister(DocSignDbContext db, LetterNumberLanes lanes, IAuditRequestContext request, TimeProvider clock) : ILetterRegister
{
    public Task<(Letter Letter, bool Created)> ReserveAsync(string officeId, int year, string? idempotencyKey, Func<int, NumberedLetter> create,
        CancellationToken cancellationToken = default, ReservationQuota? quota = null) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            // Who acted is read now, while this request is the current one; the lane's transaction runs elsewhere.
            var pending = new LetterNumberLanes.Pending(idempotencyKey, create, AuditRequestSnapshot.Of(request), quota);
            var (letter, created) = await lanes.ReserveAsync(db.Database.GetConnectionString() ?? "", officeId, year, pending, cancellationToken);
            if (!created)
                // A replay: this unit of work gets its own copy, as if it had read the letter itself.
                return (await db.Set<Letter>().FirstAsync(l => l.Id == letter.Id, cancellationToken), false);
            // The new letter joins this unit of work as saved, so the caller's later changes to it are saved by SaveAsync.
            var local = db.Set<Letter>().Local.FirstOrDefault(l => l.Id == letter.Id);
            if (local is not null) return (local, true);
            db.Set<Letter>().Attach(letter);
            return (letter, true);
        });

    public Task<Letter?> ReserveInsertAsync(string officeId, int year, int afterSequence, Func<int, NumberedLetter> create, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => RegisterTransaction.RunAsync(db, officeId, year, async last =>
        {
            if (afterSequence > last) return (Letter?)null;
            var inserts = await db.Set<Letter>().Where(l => l.OfficeId == officeId && l.Year == year && l.Sequence == afterSequence)
                .MaxAsync(l => (int?)l.Insert, cancellationToken) ?? 0;
            var made = create(inserts + 1);
            var letter = made.Letter;
            if (letter.Sequence != afterSequence || letter.Insert != inserts + 1 || letter.OfficeId != officeId || letter.Year != year)
                throw new InvalidOperationException("The letter must carry the number the register gave.");
            db.Set<Letter>().Add(letter);
            EfAuditTrail.Stage(db, EfAuditTrail.NewEntry(made.Numbered, AuditRequestSnapshot.Of(request), clock.GetUtcNow()));
            return (Letter?)letter;
        }, cancellationToken));

    public Task<(DateOnly? NotBefore, DateOnly? NotAfter)> InsertBoundsAsync(string officeId, int year, int afterSequence, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var letters = db.Set<Letter>().AsNoTracking().Where(l => l.OfficeId == officeId && l.Year == year);
            var notBefore = await letters.Where(l => l.Sequence == afterSequence).MaxAsync(l => (DateOnly?)l.LetterDate, cancellationToken);
            var notAfter = await letters.Where(l => l.Sequence > afterSequence).MinAsync(l => (DateOnly?)l.LetterDate, cancellationToken);
            return (notBefore, notAfter);
        });

    public Task<Letter?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<Letter>().FirstOrDefaultAsync(l => l.Id == id, cancellationToken));

    public Task<IReadOnlyList<Letter>> ListAsync(string officeId, int? year, LetterStatus? status, int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var query = db.Set<Letter>().AsNoTracking().Where(l => l.OfficeId == officeId);
            if (year is not null) query = query.Where(l => l.Year == year);
            if (status is not null) query = query.Where(l => l.Status == status);
            var list = await query.OrderByDescending(l => l.Year).ThenByDescending(l => l.Sequence).ThenByDescending(l => l.Insert)
                .Take(max).ToListAsync(cancellationToken);
            return (IReadOnlyList<Letter>)list;
        });

    public Task<IReadOnlyList<Letter>> ListForDocumentAsync(Guid documentId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => (IReadOnlyList<Letter>)await db.Set<Letter>().AsNoTracking().Where(l => l.DocumentId == documentId)
            .OrderBy(l => l.Year).ThenBy(l => l.Sequence).ThenBy(l => l.Insert).ToListAsync(cancellationToken));

    public Task SaveAsync(CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            try { await db.SaveChangesAsync(cancellationToken); }
            catch { db.ChangeTracker.Clear(); throw; }
            return true;
        });

    // Read by every number request.
    private static readonly CompiledPerModel<Func<DocSignDbContext, string, CancellationToken, Task<LetterTemplate?>>> TemplateOf = new(() =>
        EF.CompileAsyncQuery((DocSignDbContext context, string officeId, CancellationToken _) =>
            context.Set<LetterTemplate>().AsNoTracking().FirstOrDefault(t => t.OfficeId == officeId)));

    public Task<LetterTemplate?> FindTemplateAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => TemplateOf.For(db)(db, officeId, cancellationToken));

    public Task SaveTemplateAsync(LetterTemplate template, bool isNew, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            // Read without tracking, so it is attached here as a whole: every field of the template is written.
            if (isNew) db.Set<LetterTemplate>().Add(template);
            else db.Set<LetterTemplate>().Update(template);
            try { await db.SaveChangesAsync(cancellationToken); }
            catch { db.ChangeTracker.Clear(); throw; }
            return true;
        });

    public Task<IReadOnlyList<Guid>> FindDocumentsAwaitingCoverLetterAsync(int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var done = db.Set<Letter>().Where(l => l.Kind == LetterKinds.CoverLetter && l.Status != LetterStatus.Reserved && l.DocumentId != null)
                .Select(l => l.DocumentId!.Value);
            // Only offices that number on signing (an office setting, off by default) and seal their letters unattended.
            var automatic = db.Set<LetterTemplate>().Where(t => t.AutoNumberOnSigning && t.Signer == LetterSigner.Seal).Select(t => t.OfficeId);
            var documents = db.Set<Document>().Where(d => automatic.Contains(d.OfficeId)).Select(d => d.Id);
            var rows = await db.Set<DocumentVersion>().Where(v => v.Stage == VersionStage.Signed && !done.Contains(v.DocumentId) && documents.Contains(v.DocumentId))
                .Select(v => new { v.DocumentId, v.UploadedAt }).ToListAsync(cancellationToken);
            // Oldest first, ordered here: SQLite cannot order by DateTimeOffset columns.
            return (IReadOnlyList<Guid>)rows.OrderBy(r => r.UploadedAt).Select(r => r.DocumentId).Distinct().Take(max).ToList();
        });
}
