using System.Security.Claims;
using DocSign.Infrastructure.Identity;
using DocSign.Infrastructure.Security;
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

    /// <summary>
    /// A browser that signed in to an account before carries this long-lived cookie (a random value; the server keeps
    /// only its hash): its sign-ins are not slowed by wrong passwords typed elsewhere.
    /// </summary>
    public const string DeviceCookieName = "docsign_perangkat";
    public static readonly TimeSpan DeviceCookieLifetime = TimeSpan.FromDays(365);

    /// <summary>How long a browser session lasts without activity (its absolute lifetime is <see cref="AuthOptions.SessionLifetime"/>).</summary>
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
                // The account and the server-side session are checked for every request by SessionChecks.
            });
        services.AddAuthorization();
        services.AddScoped<Core.Accounts.IUserAccounts, IdentityUserAccounts>();
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

    /// <summary>
    /// Signs the user in on this browser: a server-side session (<see cref="SessionStore"/>) with the absolute lifetime
    /// <see cref="AuthOptions.SessionLifetime"/>, and the cookie naming it with the account's security stamp.
    /// </summary>
    public static async Task SignInBrowserAsync(HttpContext context, DocSignUser user)
    {
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var lifetime = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.SessionLifetime;
        var session = await services.GetRequiredService<SessionStore>().StartAsync(user.Id, AuthSession.Browser, now + lifetime,
            context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString(), context.RequestAborted);
        await context.SignInAsync(CookieScheme, Principal(user, session.Id, CookieScheme), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>The person's name as the screens show it ("Masuk sebagai …"); the account name stays in <see cref="ClaimTypes.Name"/>.</summary>
    public const string DisplayNameClaim = "docsign:nama";

    /// <summary>What a cookie or a token carries: who, the security stamp at sign-in, and the server-side session.</summary>
    public static ClaimsPrincipal Principal(DocSignUser user, string sessionId, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id),
        new Claim(ClaimTypes.Name, user.UserName!),
        new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName! : user.DisplayName),
        new Claim(SessionChecks.StampClaim, user.SecurityStamp ?? ""),
        new Claim(SessionChecks.SessionIdClaim, sessionId),
    ], scheme));

    /// <summary>The browser's device cookie, made now when it has none (it is kept only after a successful sign-in).</summary>
    public static string DeviceIdOf(HttpContext context) =>
        context.Request.Cookies[DeviceCookieName] is { Length: >= 32 and <= 64 } existing
            ? existing
            : Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Keeps the device cookie (after a successful sign-in).</summary>
    public static void KeepDeviceCookie(HttpContext context, string deviceId) =>
        context.Response.Cookies.Append(DeviceCookieName, deviceId, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true,
            Secure = Security.TransportSecurity.IsSecure(context),
            MaxAge = DeviceCookieLifetime,
        });

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
