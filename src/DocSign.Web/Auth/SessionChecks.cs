using System.Security.Claims;
using DocSign.Core.Access;
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

    private sealed record AccountRow(string? UserName, bool IsAdministrator, string? SecurityStamp, DateTimeOffset? LockoutEnd, bool Revoked, string? OfficeId, string? Role);

    // One round trip per request: the account's stamp and lock-out, whether this token was ended by logout, and the
    // memberships (one row each, or one row without), which become the request's actor, read fresh like the rest.
    private static readonly CompiledPerModel<Func<DocSignDbContext, string, string?, IAsyncEnumerable<AccountRow>>> AccountOf = new(() =>
        EF.CompileAsyncQuery((DocSignDbContext db, string userId, string? tokenId) =>
            from u in db.Users.AsNoTracking()
            where u.Id == userId
            join m in db.Memberships.AsNoTracking() on u.Id equals m.UserId into joined
            from m in joined.DefaultIfEmpty()
            select new AccountRow(u.UserName, u.IsAdministrator, u.SecurityStamp, u.LockoutEnd,
                tokenId != null && db.Set<RevokedToken>().Any(t => t.TokenId == tokenId),
                m == null ? null : m.OfficeId, m == null ? null : m.Role)));

    private static async Task<bool> IsCurrentAsync(HttpContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.User.FindFirstValue(StampClaim);
        if (userId is null || string.IsNullOrEmpty(stamp)) return false;
        var db = context.RequestServices.GetRequiredService<DocSignDbContext>();
        var tokenId = context.User.FindFirstValue(TokenIdClaim);
        var rows = new List<AccountRow>();
        await foreach (var row in AccountOf.For(db)(db, userId, tokenId).WithCancellation(context.RequestAborted)) rows.Add(row);
        if (rows.Count == 0) return false;
        var account = rows[0];
        if (!string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal)) return false;
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (account.LockoutEnd is { } end && end > now) return false;
        if (account.Revoked) return false;
        CurrentActor.Remember(context, new Actor(userId, account.UserName ?? userId,
            rows.Where(r => r.OfficeId is not null).Select(r => new OfficeMembership(r.OfficeId!, r.Role!)).ToList(), account.IsAdministrator));
        return true;
    }
}
