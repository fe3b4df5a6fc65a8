using System.Security.Claims;
using DocSign.Core.Audit;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Auth;

internal static class TokenEndpoints
{
    public const string Scheme = "Bearer";

    /// <summary>Default bearer token lifetime (<see cref="AuthOptions.TokenLifetime"/> overrides it).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Name of the rate-limiting policy on <c>/api/auth/token</c> (per client address).</summary>
    public const string TokenRatePolicy = "auth-token";


    public sealed record TokenRequest(string? Username, string? Password);
    /// <param name="Notice">Set when wrong passwords were typed for the account since its last sign-in (for the owner to read).</param>
    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt, string? Notice = null);

    /// <summary>One of the caller's sessions in force (<c>GET /api/auth/sessions</c>).</summary>
    public sealed record SessionDto(string Id, string Kind, string? Address, string? Device, DateTimeOffset StartedAt,
        DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, bool Current);
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    public static IEndpointRouteBuilder MapDocSignAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueAsync).AllowAnonymous().RequireRateLimiting(TokenRatePolicy);
        app.MapPost("/api/auth/logout", LogoutAsync).RequireAuthorization();
        app.MapPost("/api/auth/password", ChangePasswordAsync).RequireAuthorization();
        app.MapGet("/api/auth/sessions", ListSessionsAsync).RequireAuthorization();
        app.MapDelete("/api/auth/sessions/{id}", EndSessionAsync).RequireAuthorization();
        return app;
    }

    /// <summary>
    /// Issues a bearer token: an authentication ticket protected with the Data Protection keys (encrypted in the
    /// database), carrying the account's security stamp and the id of its server-side session (logout, a password
    /// change or an admin lock end it). The password check is the Masuk page's (<see cref="PasswordSignIn"/>);
    /// passwords are never logged.
    /// </summary>
    private static async Task<IResult> IssueAsync(TokenRequest? request, HttpContext context, PasswordSignIn signIn, SessionStore sessions,
        IOptionsMonitor<BearerTokenOptions> bearer, IOptions<AuthOptions> authOptions, TimeProvider clock, ILogger<TokenRequest> logger)
    {
        var options = authOptions.Value;
        var address = context.Connection.RemoteIpAddress?.ToString();
        var outcome = await signIn.CheckAsync(request?.Username, request?.Password, address, null, "token", context.RequestAborted);
        switch (outcome.Refusal)
        {
            case SignInRefusal.Missing:
                return Problem(400, outcome.Message!);
            case SignInRefusal.Throttled:
                context.Response.Headers.RetryAfter = outcome.RetryAfterHeader;
                return Problem(429, outcome.Message!);
            case SignInRefusal.Refused:
                return Problem(401, outcome.Message!);
        }
        var user = outcome.User!;

        var now = clock.GetUtcNow();
        var expires = now + options.TokenLifetime;
        var session = await sessions.StartAsync(user.Id, AuthSession.Token, expires, address, context.Request.Headers.UserAgent.ToString(), context.RequestAborted);
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expires };
        var ticket = new AuthenticationTicket(AuthSetup.Principal(user, session.Id, Scheme), properties, Scheme);
        var token = bearer.Get(Scheme).BearerTokenProtector.Protect(ticket);
        logger.LogInformation("Token issued to {User}", user.UserName);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new TokenResponse(token, expires, outcome.Notice));
    }

    /// <summary>
    /// <c>POST /api/auth/logout</c>: ends the session this request carries, a token's or the browser cookie's; it is
    /// refused from the next request on, by every instance, even where a copy of the token or cookie survives.
    /// </summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, DocSign.Core.Access.ISessionDirectory sessions, IAuditTrail audit)
    {
        await EndCurrentSessionAsync(context, sessions, audit);
        return Results.NoContent();
    }

    /// <summary>Ends the caller's current session (logout), records it, and deletes the browser cookie if it came with one.</summary>
    public static async Task EndCurrentSessionAsync(HttpContext context, DocSign.Core.Access.ISessionDirectory sessions, IAuditTrail audit)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = SessionChecks.SessionIdOf(context.User);
        var cookie = context.User.Identity?.AuthenticationType == AuthSetup.CookieScheme;
        if (userId is not null && sessionId is not null)
        {
            await sessions.EndAsync(userId, sessionId, "logout", context.RequestAborted);
            await audit.RecordNowAsync(new AuditEvent(AuditActions.SignOut)
                { ActorUserId = userId, ActorName = context.User.Identity?.Name, Detail = cookie ? "cookie" : "token" }, context.RequestAborted);
        }
        if (cookie) await context.SignOutAsync(AuthSetup.CookieScheme);
    }

    /// <summary><c>POST /api/auth/password</c>: the signed-in user changes their password; every session they hold ends (this one too).</summary>
    private static async Task<IResult> ChangePasswordAsync(PasswordChange? request, HttpContext context, UserManager<DocSignUser> users,
        SessionStore sessions, IAuditTrail audit)
    {
        if (string.IsNullOrEmpty(request?.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
            return Problem(400, "Kata sandi lama dan kata sandi baru wajib diisi.");
        var user = await users.FindByIdAsync(context.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (user is null) return Problem(401, "Akun tidak dikenal lagi. Silakan masuk kembali.");
        var result = await ChangeOwnPasswordAsync(users, sessions, audit, user, request.CurrentPassword, request.NewPassword, context.RequestAborted);
        return result is null ? Results.NoContent() : Problem(400, result);
    }

    /// <summary>
    /// Changes the password under <see cref="PasswordPolicy"/> and ends every session of the account (Identity also
    /// renews the security stamp). Returns null on success, else the refusal in Bahasa Indonesia, nothing changed.
    /// </summary>
    public static async Task<string?> ChangeOwnPasswordAsync(UserManager<DocSignUser> users, SessionStore sessions, IAuditTrail audit,
        DocSignUser user, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        // The policy first, so that the answer names what to change in the new password without a hashing round.
        var problems = PasswordPolicy.Check(user.UserName, newPassword);
        if (problems.Count > 0) return "Kata sandi baru belum memenuhi syarat. " + string.Join(" ", problems.Select(p => p.Description));
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? "Kata sandi lama salah."
                : "Kata sandi baru belum memenuhi syarat. " + string.Join(" ", result.Errors.Select(e => e.Description));
        var ended = await sessions.EndAllAsync(user.Id, "password-change", cancellationToken: cancellationToken);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.AdminChange)
            { ActorUserId = user.Id, ActorName = user.UserName, Detail = $"kata sandi diganti sendiri; {ended} sesi diakhiri" }, cancellationToken);
        return null;
    }

    /// <summary><c>GET /api/auth/sessions</c>: the caller's sessions in force, browser and token, the current one marked.</summary>
    private static async Task<IResult> ListSessionsAsync(HttpContext context, SessionStore sessions)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var current = SessionChecks.SessionIdOf(context.User);
        var list = await sessions.ActiveAsync(userId, AuthSetup.CookieLifetime, context.RequestAborted);
        return Results.Ok(list.Select(s => new SessionDto(s.Id, s.Kind, s.ClientAddress, s.Device,
            DateTimeOffset.FromUnixTimeMilliseconds(s.CreatedAtUnixMs), DateTimeOffset.FromUnixTimeMilliseconds(s.LastSeenAtUnixMs),
            DateTimeOffset.FromUnixTimeMilliseconds(s.ExpiresAtUnixMs), s.Id == current)).ToList());
    }

    /// <summary><c>DELETE /api/auth/sessions/{id}</c>: ends one of the caller's own sessions.</summary>
    private static async Task<IResult> EndSessionAsync(string id, HttpContext context, SessionStore sessions, IAuditTrail audit)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (!await sessions.EndAsync(userId, id, "ended-by-owner", context.RequestAborted))
            return Problem(404, "Sesi itu tidak ada atau sudah berakhir.");
        await audit.RecordNowAsync(new AuditEvent(AuditActions.SessionEnded) { Detail = "diakhiri pemiliknya" }, context.RequestAborted);
        return Results.NoContent();
    }

    private static IResult Problem(int status, string detail) =>
        Results.Problem(statusCode: status, title: status == 429 ? "Terlalu banyak percobaan" : Api.ProblemExceptionHandler.TitleOf(status), detail: detail);
}
