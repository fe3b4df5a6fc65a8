using System.Security.Claims;
using DocSign.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Auth;

internal static class TokenEndpoints
{
    public const string Scheme = "Bearer";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public sealed record TokenRequest(string? Username, string? Password);
    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapDocSignAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueAsync).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Issues a bearer token: an authentication ticket protected with the Data Protection keys under the data
    /// directory (so no signing key lives in code or config). Passwords are never logged.
    /// </summary>
    private static async Task<IResult> IssueAsync(TokenRequest? request, UserManager<DocSignUser> users,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, ILogger<TokenRequest> logger)
    {
        const string wrong = "Nama pengguna atau kata sandi salah.";
        if (string.IsNullOrWhiteSpace(request?.Username) || string.IsNullOrEmpty(request.Password))
            return Problem(400, "Nama pengguna dan kata sandi wajib diisi.");

        var user = await users.FindByNameAsync(request.Username.Trim());
        if (user is null)
        {
            logger.LogInformation("Token refused: unknown user");
            return Problem(401, wrong);
        }
        if (await users.IsLockedOutAsync(user))
            return Problem(401, "Akun dikunci sementara karena terlalu banyak percobaan masuk yang salah. Coba lagi beberapa menit lagi.");
        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            await users.AccessFailedAsync(user);
            logger.LogInformation("Token refused: wrong password for {User}", user.UserName);
            return Problem(401, wrong);
        }
        await users.ResetAccessFailedCountAsync(user);

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName!)], Scheme);
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + Lifetime };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme);
        var token = bearer.Get(Scheme).BearerTokenProtector.Protect(ticket);
        logger.LogInformation("Token issued to {User}", user.UserName);
        return Results.Ok(new TokenResponse(token, now + Lifetime));
    }

    private static IResult Problem(int status, string detail) =>
        Results.Problem(statusCode: status, title: Api.ProblemExceptionHandler.TitleOf(status), detail: detail);
}
