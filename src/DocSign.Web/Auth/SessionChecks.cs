using System.Security.Claims;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Auth;

/// <summary>
/// Every authenticated request, bearer or cookie, is checked against the server's records as they are now: the account
/// still exists, is not locked by an admin, its security stamp is the one the token or cookie carries (a password
/// change renews it), and the session the token or cookie names (<see cref="AuthSession"/>) is in force: not ended
/// (logout, password change, admin lock, "Akhiri sesi ini"), within its absolute lifetime, and for a browser not idle
/// too long. A request that fails is treated as anonymous, so it gets 401 (or the sign-in page), and a refused browser
/// cookie is deleted. Nothing is cached: an ended session is refused by every instance from the next request on.
/// </summary>
internal static class SessionChecks
{
    /// <summary>The claim that carries the account's security stamp at sign-in.</summary>
    public const string StampClaim = "docsign:stamp";

    /// <summary>The claim that names the server-side session (<see cref="AuthSession.Id"/>) of a cookie or a token.</summary>
    public const string SessionIdClaim = "docsign:sid";

    public static IApplicationBuilder UseDocSignSessionChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && !await IsCurrentAsync(context))
        {
            var fromCookie = context.User.Identity.AuthenticationType == AuthSetup.CookieScheme;
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            if (fromCookie) await context.SignOutAsync(AuthSetup.CookieScheme);
        }
        await next(context);
    });

    private static async Task<bool> IsCurrentAsync(HttpContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.User.FindFirstValue(StampClaim);
        var sessionId = context.User.FindFirstValue(SessionIdClaim);
        // A cookie or token without a session id (made before sessions were kept on the server) cannot be ended: refused.
        if (userId is null || string.IsNullOrEmpty(stamp) || string.IsNullOrEmpty(sessionId)) return false;
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var idleSince = now - AuthSetup.CookieLifetime;
        // One round trip: the account's stamp and admin lock, whether the session is in force, and the memberships,
        // which become the request's actor (CurrentActor), read fresh like the rest.
        var session = await services.GetRequiredService<ActorDirectory>().FindSessionAsync(
            userId, sessionId, now.ToUnixTimeMilliseconds(), idleSince.ToUnixTimeMilliseconds(), context.RequestAborted);
        if (session is null || !session.SessionInForce || !string.Equals(session.SecurityStamp, stamp, StringComparison.Ordinal)) return false;
        if (session.LockoutEnd is { } end && end > now) return false;
        if (session.SessionLastSeen < (now - SessionStore.TouchInterval).ToUnixTimeMilliseconds())
            await services.GetRequiredService<SessionStore>().TouchAsync(sessionId, context.RequestAborted);
        CurrentActor.Remember(context, session.Actor);
        return true;
    }

    /// <summary>The session id the request's cookie or token carries (null when anonymous).</summary>
    public static string? SessionIdOf(ClaimsPrincipal user) => user.FindFirstValue(SessionIdClaim);
}
