using System.Security.Claims;
using DocSign.Core.Audit;

namespace DocSign.Web.Security;

/// <summary>Who is acting and from where, for the audit trail: the signed-in user of the current request and its client address.</summary>
internal sealed class HttpAuditRequestContext(IHttpContextAccessor accessor) : IAuditRequestContext
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } u ? u : null;

    public string? UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? UserName => User?.FindFirstValue(ClaimTypes.Name);
    public string? ClientAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
