using System.Security.Claims;
using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Web.Auth;

internal static class CurrentActor
{
    /// <summary>The signed-in person with memberships read fresh from the database (revocation applies at once).</summary>
    public static async Task<Actor> GetAsync(HttpContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var actor = userId is null ? null
            : await context.RequestServices.GetRequiredService<IActorDirectory>().FindAsync(userId, context.RequestAborted);
        return actor ?? throw new DocSignProblem(ProblemKind.Unauthenticated, "Akun tidak dikenal lagi. Silakan masuk kembali.");
    }
}
