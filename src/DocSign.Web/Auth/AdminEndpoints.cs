using DocSign.Core.Accounts;
using DocSign.Core.Problems;
using DocSign.Infrastructure.Security;

namespace DocSign.Web.Auth;

/// <summary>Account administration for the system administrator.</summary>
internal static class AdminEndpoints
{
    /// <summary>An admin lock lasts until an admin lifts it (distinct from a disabled demo account's <see cref="Infrastructure.Demo.DemoAccounts.Disabled"/>).</summary>
    public static readonly DateTimeOffset LockedByAdmin = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One account with wrong passwords since its last sign-in (<c>GET /api/admin/sign-in-alerts</c>).</summary>
    public sealed record SignInAlertDto(string UserName, int Failures, IReadOnlyList<string> Addresses, DateTimeOffset FirstFailureAt, DateTimeOffset LastFailureAt);

    /// <summary><c>PUT .../users/{userName}/role</c>: the role in the office; empty takes the account out of the office.</summary>
    public sealed record RoleBody(string? Role);

    /// <summary>One account: user name, name, NIP, locked, disabled, and its role per office.</summary>
    public sealed record AccountDto(string UserName, string Name, string? Nip, bool Locked, bool Disabled, IReadOnlyList<OfficeRoleDto> Offices)
    {
        public static AccountDto From(AccountSummary a) =>
            new(a.UserName, a.DisplayName, a.Nip, a.Locked, a.Disabled, a.Memberships.Select(m => new OfficeRoleDto(m.OfficeId, m.Role)).ToList());
    }

    public sealed record OfficeRoleDto(string Office, string Role);

    public static IEndpointRouteBuilder MapDocSignAdmin(this IEndpointRouteBuilder app)
    {
        // Wrong passwords never lock an account; only the admin does, and lifts it again (both recorded).
        app.MapPost("/api/admin/users/{userName}/lock", LockAsync).RequireAuthorization();
        app.MapPost("/api/admin/users/{userName}/unlock", UnlockAsync).RequireAuthorization();
        // Accounts someone is guessing at: wrong passwords since each one's last sign-in.
        app.MapGet("/api/admin/sign-in-alerts", AlertsAsync).RequireAuthorization();
        // An office's accounts and their roles there: the system admin for every office, an office admin for his own.
        app.MapGet("/api/admin/offices/{office}/users", async (string office, HttpContext context, ListOfficeAccountsHandler handler) =>
            Results.Ok((await handler.HandleAsync(await CurrentActor.GetAsync(context), office, context.RequestAborted)).Select(AccountDto.From).ToList()))
            .RequireAuthorization();
        app.MapPut("/api/admin/offices/{office}/users/{userName}/role", async (string office, string userName, RoleBody? body, HttpContext context,
                SetOfficeRoleHandler handler) =>
            Results.Ok(AccountDto.From(await handler.HandleAsync(await CurrentActor.GetAsync(context), office, userName, body?.Role, context.RequestAborted))))
            .RequireAuthorization();
        app.MapPost("/api/admin/offices/{office}/users/{userName}/lock", async (string office, string userName, HttpContext context, LockAccountHandler handler) =>
            Results.Ok(AccountDto.From(await handler.LockAsync(await CurrentActor.GetAsync(context), office, userName, context.RequestAborted))))
            .RequireAuthorization();
        app.MapPost("/api/admin/offices/{office}/users/{userName}/unlock", async (string office, string userName, HttpContext context, LockAccountHandler handler) =>
            Results.Ok(AccountDto.From(await handler.UnlockAsync(await CurrentActor.GetAsync(context), office, userName, context.RequestAborted))))
            .RequireAuthorization();
        return app;
    }

    /// <summary>Locks the account and ends every session it holds, at once on every instance.</summary>
    private static async Task<IResult> LockAsync(string userName, HttpContext context, LockAccountHandler handler)
    {
        await handler.LockAsync(await CurrentActor.GetAsync(context), null, userName, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> UnlockAsync(string userName, HttpContext context, LockAccountHandler handler)
    {
        await handler.UnlockAsync(await CurrentActor.GetAsync(context), null, userName, context.RequestAborted);
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
