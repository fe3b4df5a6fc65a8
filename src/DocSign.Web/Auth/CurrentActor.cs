using System.Security.Claims;
using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Web.Auth;

internal static class CurrentActor
{
    private static readonly object ItemKey = new();

    /// <summary>The actor the session check of this request read together with the account (one round trip for both).</summary>
    public static void Remember(HttpContext context, Actor actor) => context.Items[ItemKey] = actor;

    /// <summary>The signed-in person with memberships read fresh from the database in this request (revocation applies at once).</summary>
    public static async Task<Actor> GetAsync(HttpContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null && context.Items.TryGetValue(ItemKey, out var known) && known is Actor remembered && remembered.UserId == userId)
            return remembered;
        var actor = userId is null ? null
            : await context.RequestServices.GetRequiredService<IActorDirectory>().FindAsync(userId, context.RequestAborted);
        return actor ?? throw new DocSignProblem(ProblemKind.Unauthenticated, "Akun tidak dikenal lagi. Silakan masuk kembali.");
    }
}
