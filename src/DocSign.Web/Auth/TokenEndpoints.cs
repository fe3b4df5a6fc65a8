using System.Security.Claims;
using System.Security.Cryptography;
using DocSign.Core.Audit;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Persistence;
using DocSign.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    public static IEndpointRouteBuilder MapDocSignAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueAsync).AllowAnonymous().RequireRateLimiting(TokenRatePolicy);
        app.MapPost("/api/auth/logout", LogoutAsync).RequireAuthorization();
        app.MapPost("/api/auth/password", ChangePasswordAsync).RequireAuthorization();
        return app;
    }

    /// <summary>
    /// Issues a bearer token: an authentication ticket protected with the Data Protection keys (encrypted in the
    /// database), carrying the account's security stamp and a token id. The password check is the Masuk page's
    /// (<see cref="PasswordSignIn"/>); passwords are never logged.
    /// </summary>
    private static async Task<IResult> IssueAsync(TokenRequest? request, HttpContext context, PasswordSignIn signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, IOptions<AuthOptions> authOptions, IAuditTrail audit,
        TimeProvider clock, ILogger<TokenRequest> logger)
    {
        var options = authOptions.Value;
        var outcome = await signIn.CheckAsync(request?.Username, request?.Password, context.Connection.RemoteIpAddress?.ToString(), "token", context.RequestAborted);
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

        var tokenId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName!),
            new Claim(SessionChecks.StampClaim, user.SecurityStamp ?? ""), new Claim(SessionChecks.TokenIdClaim, tokenId),
        ], Scheme);
        var now = clock.GetUtcNow();
        var expires = now + options.TokenLifetime;
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expires };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme);
        var token = bearer.Get(Scheme).BearerTokenProtector.Protect(ticket);
        logger.LogInformation("Token issued to {User}", user.UserName);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new TokenResponse(token, expires));
    }

    /// <summary><c>POST /api/auth/logout</c>: ends the token this request carries (it is refused from now on).</summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, DocSignDbContext db, IOptions<AuthOptions> options, IAuditTrail audit, TimeProvider clock)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var tokenId = context.User.FindFirstValue(SessionChecks.TokenIdClaim);
        var now = clock.GetUtcNow();
        if (tokenId is not null)
        {
            db.Set<RevokedToken>().Add(new RevokedToken { TokenId = tokenId, UserId = userId, ExpiresAt = now + options.Value.TokenLifetime });
            // Rows of tokens that have expired anyway are no longer needed to refuse them.
            var expired = (await db.Set<RevokedToken>().Where(t => t.UserId == userId).ToListAsync(context.RequestAborted)).Where(t => t.ExpiresAt < now);
            db.Set<RevokedToken>().RemoveRange(expired);
        }
        audit.Record(new AuditEvent(AuditActions.SignOut) { Detail = tokenId is null ? "cookie" : "token" });
        await db.SaveChangesAsync(context.RequestAborted);
        if (tokenId is null && context.User.Identity?.AuthenticationType == Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme)
            await context.SignOutAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }

    /// <summary><c>POST /api/auth/password</c>: the signed-in user changes their password; every token and cookie they hold ends.</summary>
    private static async Task<IResult> ChangePasswordAsync(PasswordChange? request, HttpContext context, UserManager<DocSignUser> users, IAuditTrail audit)
    {
        if (string.IsNullOrEmpty(request?.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
            return Problem(400, "Kata sandi lama dan kata sandi baru wajib diisi.");
        var user = await users.FindByIdAsync(context.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (user is null) return Problem(401, "Akun tidak dikenal lagi. Silakan masuk kembali.");
        // Identity renews the security stamp on a successful change: the session checks then refuse the old tokens.
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            var tooShort = result.Errors.Any(e => e.Code.StartsWith("PasswordTooShort", StringComparison.Ordinal));
            return Problem(400, tooShort ? "Kata sandi baru terlalu pendek; paling sedikit 10 karakter." : "Kata sandi lama salah atau kata sandi baru tidak memenuhi syarat.");
        }
        await audit.RecordNowAsync(new AuditEvent(AuditActions.AdminChange) { ActorUserId = user.Id, ActorName = user.UserName, Detail = "kata sandi diganti sendiri" });
        return Results.NoContent();
    }


    private static IResult Problem(int status, string detail) =>
        Results.Problem(statusCode: status, title: status == 429 ? "Terlalu banyak percobaan" : Api.ProblemExceptionHandler.TitleOf(status), detail: detail);
}
