using DocSign.Core.Signing;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Security;

/// <summary>
/// When DocSign is reached over HTTPS, every cookie it sets is <c>Secure</c> (never sent over plain HTTP, where anyone
/// on the path could copy a session) and answers carry HSTS, so the browser does not try plain HTTP again. Reached over
/// HTTPS means: the request itself is (at Kestrel, or behind a trusted proxy as its X-Forwarded-Proto says), or
/// <c>DocSign:PublicBaseUrl</c> is https; then TLS ends in front of DocSign and every request is treated as HTTPS
/// (its scheme set so), which makes the cookies of the session, antiforgery, TempData and device cookie Secure alike
/// (their policy is SameAsRequest). With an http public address (the demo on loopback) nothing changes.
/// </summary>
internal static class TransportSecurity
{
    /// <summary>One year, the usual HSTS age.</summary>
    public const string HstsValue = "max-age=31536000";

    public static IApplicationBuilder UseDocSignTransportSecurity(this WebApplication app)
    {
        var publicUrl = app.Services.GetRequiredService<IOptions<SigningOptions>>().Value.PublicBaseUrl;
        if (!IsHttps(publicUrl)) return app;
        app.Logger.LogInformation("Public address is https: every request is treated as HTTPS (Secure cookies, HSTS)");
        return app.Use((context, next) =>
        {
            context.Request.Scheme = Uri.UriSchemeHttps;
            return next(context);
        });
    }

    /// <summary>Whether cookies set on this answer must be Secure, and HSTS sent (after <see cref="UseDocSignTransportSecurity"/>).</summary>
    public static bool IsSecure(HttpContext context) => context.Request.IsHttps;

    private static bool IsHttps(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
