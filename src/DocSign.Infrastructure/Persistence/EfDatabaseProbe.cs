using DocSign.Core.Health;

namespace DocSign.Infrastructure.Persistence;

/// <summary>The health check's question to the database: can a connection be opened?</summary>
public sealed class EfDatabaseProbe(DocSignDbContext db) : IDatabaseProbe
{
    public Task<bool> CanConnectAsync(CancellationToken cancellationToken = default) => db.Database.CanConnectAsync(cancellationToken);
}
