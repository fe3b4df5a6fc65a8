using System.Security.Claims;
using DocSign.Infrastructure.Persistence;

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
        // One round trip: the account's stamp and lock-out, whether this token was ended by logout, and the
        // memberships, which become the request's actor (CurrentActor), read fresh like the rest.
        var session = await context.RequestServices.GetRequiredService<ActorDirectory>()
            .FindSessionAsync(userId, context.User.FindFirstValue(TokenIdClaim), context.RequestAborted);
        if (session is null || !string.Equals(session.SecurityStamp, stamp, StringComparison.Ordinal)) return false;
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (session.LockoutEnd is { } end && end > now) return false;
        if (session.TokenRevoked) return false;
        CurrentActor.Remember(context, session.Actor);
        return true;
    }
}
