using DocSign.Core.Audit;
using DocSign.Core.Problems;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;

namespace DocSign.Web.Auth;

/// <summary>Account administration for the system administrator.</summary>
internal static class AdminEndpoints
{
    /// <summary>An admin lock lasts until an admin lifts it (distinct from a disabled demo account's <see cref="Infrastructure.Demo.DemoAccounts.Disabled"/>).</summary>
    public static readonly DateTimeOffset LockedByAdmin = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One account with wrong passwords since its last sign-in (<c>GET /api/admin/sign-in-alerts</c>).</summary>
    public sealed record SignInAlertDto(string UserName, int Failures, IReadOnlyList<string> Addresses, DateTimeOffset FirstFailureAt, DateTimeOffset LastFailureAt);

    public static IEndpointRouteBuilder MapDocSignAdmin(this IEndpointRouteBuilder app)
    {
        // Wrong passwords never lock an account; only the admin does, and lifts it again (both recorded).
        app.MapPost("/api/admin/users/{userName}/lock", LockAsync).RequireAuthorization();
        app.MapPost("/api/admin/users/{userName}/unlock", UnlockAsync).RequireAuthorization();
        // Accounts someone is guessing at: wrong passwords since each one's last sign-in.
        app.MapGet("/api/admin/sign-in-alerts", AlertsAsync).RequireAuthorization();
        return app;
    }

    private static async Task<DocSignUser> AccountAsync(HttpContext context, UserManager<DocSignUser> users, string userName, string refusal)
    {
        var actor = await CurrentActor.GetAsync(context);
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden(refusal);
        var user = await users.FindByNameAsync(userName.Trim()) ?? throw DocSignProblem.NotFound($"Pengguna '{userName}' tidak ada.");
        if (user.LockoutEnd >= Infrastructure.Demo.DemoAccounts.Disabled.AddDays(-1))
            throw new DocSignProblem(ProblemKind.Conflict, "Akun ini dinonaktifkan (akun demo pada layanan tanpa demo) dan tidak dapat diubah di sini.");
        return user;
    }

    /// <summary>Locks the account and ends every session it holds, at once on every instance.</summary>
    private static async Task<IResult> LockAsync(string userName, HttpContext context, UserManager<DocSignUser> users, SessionStore sessions, IAuditTrail audit)
    {
        var user = await AccountAsync(context, users, userName, "Hanya admin yang dapat mengunci akun.");
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, LockedByAdmin);
        var ended = await sessions.EndAllAsync(user.Id, "admin-lock", cancellationToken: context.RequestAborted);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.AdminChange) { Detail = $"akun {user.UserName} dikunci; {ended} sesi diakhiri" });
        return Results.NoContent();
    }

    private static async Task<IResult> UnlockAsync(string userName, HttpContext context, UserManager<DocSignUser> users,
        SignInThrottle throttle, IAuditTrail audit)
    {
        var user = await AccountAsync(context, users, userName, "Hanya admin yang dapat membuka kunci akun.");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await throttle.ForgetAsync([SignInThrottle.AccountKey(user.UserName!)], context.RequestAborted);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.AdminChange) { Detail = $"kunci akun {user.UserName} dibuka" });
        return Results.NoContent();
    }

    private static async Task<IResult> AlertsAsync(HttpContext context, SessionStore sessions)
    {
        var actor = await CurrentActor.GetAsync(context);
        if (!actor.IsAdministrator) throw DocSignProblem.Forbidden("Hanya admin yang dapat melihat percobaan masuk yang salah.");
        var alerts = await sessions.AlertsAsync(200, context.RequestAborted);
        return Results.Ok(alerts.Select(a => new SignInAlertDto(a.UserName, a.Alert.Failures,
            a.Alert.Addresses.Split(';', StringSplitOptions.RemoveEmptyEntries),
            DateTimeOffset.FromUnixTimeMilliseconds(a.Alert.FirstFailureUnixMs), DateTimeOffset.FromUnixTimeMilliseconds(a.Alert.LastFailureUnixMs))).ToList());
    }
}
