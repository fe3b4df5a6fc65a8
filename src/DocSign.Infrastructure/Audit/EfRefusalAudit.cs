using DocSign.Core.Audit;
using DocSign.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Audit;

/// <summary>
/// <see cref="IRefusalAudit"/> on the audit chain: who acted is read from the current request, then the entry is
/// saved through a context of its own scope, so nothing the refused use case staged in the request's context is
/// saved with it.
/// </summary>
public sealed class EfRefusalAudit(IServiceScopeFactory scopes, IAuditRequestContext request, TimeProvider clock, ILogger<EfRefusalAudit> logger) : IRefusalAudit
{
    public async Task RecordAsync(AuditEvent refusal, CancellationToken cancellationToken = default)
    {
        try
        {
            var entry = EfAuditTrail.NewEntry(refusal, AuditRequestSnapshot.Of(request), clock.GetUtcNow());
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DocSignDbContext>();
            EfAuditTrail.Stage(db, entry);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("A refused {Action} could not be written to the audit trail: {Error}", refusal.Action, e.GetBaseException().Message);
        }
    }
}
