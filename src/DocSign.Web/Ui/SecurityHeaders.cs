namespace DocSign.Web.Ui;

/// <summary>
/// Headers on every answer: a Content-Security-Policy that allows only DocSign's own scripts, styles and
/// workers (no inline script, no CDN, no framing), nosniff, HSTS when served over HTTPS (TransportSecurity), no referrer (the public verification page must
/// not leak its address onward), and no caching of anything but static files.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] StaticPrefixes = ["/css/", "/js/", "/lib/"];

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (Security.TransportSecurity.IsSecure(context)) headers.StrictTransportSecurity = Security.TransportSecurity.HstsValue;
            // A page (or report) may set its own, stricter or report-specific policy.
            if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = Policy;
            var path = context.Request.Path.Value ?? "";
            if (!StaticPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
