using DocSign.Core.Signing;
using DocSign.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Security;

/// <summary>
/// When DocSign is reached over HTTPS (<c>DocSign:PublicBaseUrl</c> is https, or the request itself is, which behind a
/// trusted proxy is what its X-Forwarded-Proto says), every cookie it sets is <c>Secure</c> (never sent over plain
/// HTTP, where anyone on the path could copy a session) and answers carry HSTS, so the browser does not try plain
/// HTTP again. With an http public address (the demo on loopback) cookies follow the request.
/// </summary>
internal static class TransportSecurity
{
    /// <summary>One year, the usual HSTS age.</summary>
    public const string HstsValue = "max-age=31536000";

    public static IServiceCollection AddDocSignTransportSecurity(this IServiceCollection services)
    {
        services.AddOptions<CookieAuthenticationOptions>(AuthSetup.CookieScheme).PostConfigure<IOptions<SigningOptions>>((o, s) =>
        {
            if (IsHttps(s.Value.PublicBaseUrl)) o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        services.AddOptions<AntiforgeryOptions>().PostConfigure<IOptions<SigningOptions>>((o, s) =>
        {
            if (IsHttps(s.Value.PublicBaseUrl)) o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        services.AddOptions<CookieTempDataProviderOptions>().PostConfigure<IOptions<SigningOptions>>((o, s) =>
        {
            if (IsHttps(s.Value.PublicBaseUrl)) o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        return services;
    }

    /// <summary>Whether cookies set on this answer must be Secure, and HSTS sent.</summary>
    public static bool IsSecure(HttpContext context) =>
        context.Request.IsHttps || IsHttps(context.RequestServices.GetRequiredService<IOptions<SigningOptions>>().Value.PublicBaseUrl);

    private static bool IsHttps(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
