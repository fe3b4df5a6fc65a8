using System.Security.Claims;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Web.Auth;

/// <summary>
/// Every authenticated request, bearer or cookie, is checked against the account as it is now: the account still
/// exists, is not locked out, its security stamp is the one the token or cookie carries (a password change or an
/// admin action renews it), and the token was not ended by logout. A request that fails is treated as anonymous,
/// so it gets 401 (or the sign-in page), and nothing is cached: the check applies from the next request on.
/// </summary>
internal static class SessionChecks
{
    /// <summary>The claim that carries the account's security stamp at sign-in (same name as the cookie's).</summary>
    public const string StampClaim = "docsign:stamp";

    /// <summary>The claim that names one token, so that logout can end it alone.</summary>
    public const string TokenIdClaim = "docsign:tid";

    public static IApplicationBuilder UseDocSignSessionChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && !await IsCurrentAsync(context))
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    });

    private static async Task<bool> IsCurrentAsync(HttpContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.User.FindFirstValue(StampClaim);
        if (userId is null || string.IsNullOrEmpty(stamp)) return false;
        var db = context.RequestServices.GetRequiredService<DocSignDbContext>();
        var tokenId = context.User.FindFirstValue(TokenIdClaim);
        // One round trip per request: the account's stamp and lock-out, and whether this token was ended by logout.
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp,
                u.LockoutEnd,
                Revoked = tokenId != null && db.Set<RevokedToken>().Any(t => t.TokenId == tokenId),
            }).FirstOrDefaultAsync(context.RequestAborted);
        if (account is null || !string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal)) return false;
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (account.LockoutEnd is { } end && end > now) return false;
        if (account.Revoked) return false;
        return true;
    }
}
