namespace DocSign.Core.Ports;

/// <summary>
/// The one transaction of a use case: everything its repositories and the audit trail staged (new rows, changed
/// aggregates, audit events) is saved together by <see cref="SaveAsync"/>, or nothing is. A database that is down
/// surfaces as <see cref="DatabaseUnavailableException"/>; a failed save leaves nothing staged behind.
/// </summary>
public interface IUnitOfWork
{
    Task SaveAsync(CancellationToken cancellationToken = default);
}
