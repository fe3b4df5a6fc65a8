using DocSign.Core.Audit;
using DocSign.Core.Problems;
using DocSign.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace DocSign.Web.Auth;

/// <summary>Account administration for the system administrator.</summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapDocSignAdmin(this IEndpointRouteBuilder app)
    {
        // A Camat locked out by someone guessing at his password is let back in by the admin (and it is recorded).
        app.MapPost("/api/admin/users/{userName}/unlock", UnlockAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> UnlockAsync(string userName, HttpContext context, UserManager<DocSignUser> users,
        SignInThrottle throttle, IAuditTrail audit)
    {
        var actor = await CurrentActor.GetAsync(context);
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat membuka kunci akun.");
        var user = await users.FindByNameAsync(userName.Trim())
                   ?? throw DocSignProblem.NotFound($"Pengguna '{userName}' tidak ada.");
        if (user.LockoutEnd >= Infrastructure.Demo.DemoAccounts.Disabled.AddDays(-1))
            throw new DocSignProblem(ProblemKind.Conflict, "Akun ini dinonaktifkan (akun demo pada layanan tanpa demo) dan tidak dapat dibuka kuncinya.");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await throttle.ForgetAsync(SignInThrottle.UserKey(user.UserName!), context.RequestAborted);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.AdminChange) { Detail = $"kunci akun {user.UserName} dibuka" });
        return Results.NoContent();
    }
}
