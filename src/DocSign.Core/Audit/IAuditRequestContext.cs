namespace DocSign.Core.Audit;

/// <summary>
/// Who is acting and from where, as the host knows it: the web host reads the current request (its adapter is Web's
/// <c>HttpAuditRequestContext</c>); jobs and command-line tools have none (<see cref="NoAuditRequestContext"/>). The
/// audit trail fills an event's actor and address from it.
/// </summary>
public interface IAuditRequestContext
{
    string? UserId { get; }
    string? UserName { get; }
    string? ClientAddress { get; }
}

/// <summary>Who acted, copied out of an <see cref="IAuditRequestContext"/> while the request is still the current one.</summary>
public sealed record AuditRequestSnapshot(string? UserId, string? UserName, string? ClientAddress)
{
    public static AuditRequestSnapshot Of(IAuditRequestContext request) => new(request.UserId, request.UserName, request.ClientAddress);
}

/// <summary>No request: background jobs and command-line tools.</summary>
public sealed class NoAuditRequestContext : IAuditRequestContext
{
    public string? UserId => null;
    public string? UserName => null;
    public string? ClientAddress => null;
}
