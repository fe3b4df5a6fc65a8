using DocSign.Core.Ports;

namespace DocSign.Infrastructure.Persistence;

/// <summary>
/// <see cref="IUnitOfWork"/> on the request's <see cref="DocSignDbContext"/>: every EF repository of the scope stages
/// into that context, so one save commits them all in one transaction (with the audit chain, which the interceptor
/// appends in the same transaction).
/// </summary>
public sealed class EfUnitOfWork(DocSignDbContext db) : IUnitOfWork
{
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await DatabaseFaults.GuardAsync(() => db.SaveChangesAsync(cancellationToken));
        }
        catch
        {
            // Leave nothing tracked that a retry on the same scope could save by accident.
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
