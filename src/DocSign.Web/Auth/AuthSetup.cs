using System.Security.Claims;
using DocSign.Infrastructure.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace DocSign.Web.Auth;

/// <summary>
/// Two ways in, one identity: API callers send a bearer token, people in a browser carry a cookie.
/// A policy scheme picks bearer whenever an Authorization header is present, the cookie otherwise, so
/// every endpoint (API and pages) accepts both without naming a scheme.
/// </summary>
internal static class AuthSetup
{
    public const string PolicyScheme = "DocSign";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "docsign_sesi";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
    public const string SecurityStampClaim = "docsign:stamp";

    /// <summary>How long a browser session lasts without activity.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(1);

    public static IServiceCollection AddDocSignAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "Bearer atau cookie", o =>
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? TokenEndpoints.Scheme : CookieScheme)
            .AddBearerToken(TokenEndpoints.Scheme, o => o.BearerTokenExpiration = TokenEndpoints.Lifetime)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                // Strict: no other site can make the browser send it, on top of the antiforgery token.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = CookieLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = "/masuk";
                o.LogoutPath = "/keluar";
                o.AccessDeniedPath = "/masuk";
                o.ReturnUrlParameter = "kembali";
                o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = ValidateAsync;
            });
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "docsign_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>The principal a cookie carries: who, and the security stamp at sign-in.</summary>
    public static ClaimsPrincipal PrincipalFor(DocSignUser user) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id),
        new Claim(ClaimTypes.Name, user.UserName!),
        new Claim(SecurityStampClaim, user.SecurityStamp ?? ""),
    ], CookieScheme));

    /// <summary>
    /// Browsers get the sign-in page; API calls without a token get a plain 401/403 (problem+json from the
    /// status-code middleware), never an HTML redirect.
    /// </summary>
    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Each request re-checks the account: removed, locked out, or security stamp changed (password reset)
    /// ends the browser session at once instead of at cookie expiry.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<DocSignUser>>();
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = id is null ? null : await users.FindByIdAsync(id);
        var stamp = context.Principal?.FindFirstValue(SecurityStampClaim);
        if (user is null || await users.IsLockedOutAsync(user) || !string.Equals(user.SecurityStamp ?? "", stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    /// <summary>
    /// The API endpoints skip the form antiforgery filter (bearer clients have no cookie to forge). When a
    /// state-changing API call rides on the browser cookie instead, it must carry the antiforgery token in
    /// the <see cref="AntiforgeryHeader"/> header, or it is refused with 400 and nothing changes.
    /// </summary>
    public static IApplicationBuilder UseCookieApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && request.Headers.Authorization.Count == 0
            && request.Cookies.ContainsKey(CookieName))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await Results.Problem(statusCode: 400, title: Api.ProblemExceptionHandler.TitleOf(400),
                    detail: "Permintaan dari peramban harus membawa token antiforgery. Muat ulang halaman, lalu coba lagi.")
                    .ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });
}
