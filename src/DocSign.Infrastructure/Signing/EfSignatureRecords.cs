using DocSign.Core.Signing;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Signing;

internal sealed class EfSignatureRecords(DocSignDbContext db) : ISignatureRecords
{
    public Task<SignatureRecord?> FindByPublicIdAsync(string publicId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<SignatureRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.PublicId == publicId, cancellationToken));

    public Task<IReadOnlyList<SignatureRecord>> ListForDocumentAsync(Guid documentId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () => (IReadOnlyList<SignatureRecord>)await db.Set<SignatureRecord>().AsNoTracking()
            .Where(r => r.DocumentId == documentId).OrderBy(r => r.VersionNumber).ToListAsync(cancellationToken));

    public void Add(SignatureRecord record) => db.Add(record);

    public Task SaveAsync(CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (IsSignatureConflict(e))
            {
                throw new SignatureAlreadyRecordedException(e);
            }
            return true;
        });

    /// <summary>
    /// Signature transactions append to the hash-chained audit trail, whose next sequence number is read, not
    /// allocated: two such commits at once would take the same number. They are therefore committed one at a time
    /// within the process (the slow part, signing, happens before and runs in parallel).
    /// </summary>
    private static readonly SemaphoreSlim CommitGate = new(1, 1);

    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null) return await work();
        await CommitGate.WaitAsync(cancellationToken);
        try { return await InNewTransactionAsync(work, cancellationToken); }
        finally { CommitGate.Release(); }
    }

    private async Task<T> InNewTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var transaction = await DatabaseFaults.GuardAsync(() => db.Database.BeginTransactionAsync(cancellationToken));
        await using (transaction)
        {
            try
            {
                var result = await work();
                await DatabaseFaults.GuardAsync(async () => { await transaction.CommitAsync(cancellationToken); return true; });
                return result;
            }
            catch
            {
                // Rolled back on dispose; nothing tracked may claim to be stored.
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }

    public Task<OfficeSigningPolicy?> FindPolicyAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Set<OfficeSigningPolicy>().FirstOrDefaultAsync(p => p.OfficeId == officeId, cancellationToken));

    public Task SavePolicyAsync(OfficeSigningPolicy policy, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            if (db.Entry(policy).State == EntityState.Detached) db.Add(policy);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });

    public Task<string?> OfficeNameAsync(string officeId, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(() => db.Offices.Where(o => o.Id == officeId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken));

    /// <summary>A unique violation on the signature records (the same version signed twice), not on some other table.</summary>
    private static bool IsSignatureConflict(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation && pg.TableName == "SignatureRecords",
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555
                                                        && sqlite.Message.Contains("SignatureRecords.", StringComparison.Ordinal),
        _ => false,
    };
}
