using System.Security.Claims;
using System.Threading.RateLimiting;
using DocSign.Core.Documents;
using DocSign.Core.Audit;
using DocSign.Web.Api;
using DocSign.Web.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DocSign.Web.Security;

/// <summary>Marks an endpoint that takes an upload: its body may be as large as <c>DocSign:Upload:MaxBytes</c>, for signed-in callers only.</summary>
internal sealed class UploadBodyMetadata;

/// <summary>
/// Marks the one anonymous upload: a visitor comparing the copy he holds with a signed version on the public
/// verification page (API and page). Its body may reach the compare limit (DocSign:Signing:MaxCompareBytes), not more.
/// </summary>
internal sealed class AnonymousCompareBodyMetadata;

/// <summary>
/// The service's defences that are not about one endpoint: request-body limits, rate limits, the audit request
/// context, and response headers.
/// </summary>
internal static class SecuritySetup
{
    /// <summary>Largest body of any request that is not an upload.</summary>
    public const long DefaultBodyLimit = 64 * 1024;

    /// <summary>Rate-limiting policy of <c>/api/verify</c> (per user: rate and concurrency).</summary>
    public const string VerifyPolicy = "verify";

    public static IServiceCollection AddDocSignSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddScoped<SignInThrottle>();
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Scoped<IAuditRequestContext, HttpAuditRequestContext>());

        services.Configure<KestrelServerOptions>(o =>
        {
            // Small by default; the upload endpoints raise it for signed-in callers (UploadBodyMetadata).
            o.Limits.MaxRequestBodySize = DefaultBodyLimit;
            o.AddServerHeader = false;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                // People on a page get a page; API callers problem+json.
                if (!context.HttpContext.Request.Path.StartsWithSegments("/api") && await Ui.StatusPage.TryWriteAsync(context.HttpContext, 429)) return;
                await Results.Problem(statusCode: 429, title: "Terlalu banyak permintaan",
                    detail: "Terlalu banyak permintaan dalam waktu singkat. Tunggu sebentar, lalu coba lagi.").ExecuteAsync(context.HttpContext);
            };
            // Per-minute budgets are counted in the database (SharedBudgetLimiter): the same for a caller however many
            // instances the proxy spreads its requests over. How many run at once stays per instance (its CPU).
            o.AddPolicy(TokenEndpoints.TokenRatePolicy, context => RateLimitPartition.Get(
                "token:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                key => SharedBudgetLimiter.PerMinute(context, key, auth.TokenRequestsPerMinute)));
            // Verification fetches and hashes on the caller's behalf: each user gets a budget and a few at a time.
            // The Verifikasi page draws on the same budget (its uploads, and its GETs that verify a stored version).
            o.AddPolicy(VerifyPolicy, context => !HttpMethods.IsPost(context.Request.Method) && !context.Request.Query.ContainsKey("dokumen")
                ? RateLimitPartition.GetNoLimiter("view")
                : RateLimitPartition.Get(
                "verify:" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous:" + context.Connection.RemoteIpAddress),
                key => RateLimiter.CreateChained(
                    SharedBudgetLimiter.PerMinute(context, key, auth.VerifyPerMinute),
                    new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = auth.VerifyConcurrent, QueueLimit = 0 }))));
        });
        services.AddDocSignPublicUploadLimits(configuration);   // the anonymous copy comparison
        return services;
    }

    /// <summary>Response headers for every answer: no sniffing, no caching of API answers, no framing, and a CSP for the pages.</summary>
    public static IApplicationBuilder UseDocSignResponseHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                // Documents, tokens, audit trails: nothing an API answers may stay in a browser or proxy cache.
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            if (!headers.ContainsKey("Content-Security-Policy"))
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
                                                "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            if (!headers.ContainsKey("X-Frame-Options")) headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        await next(context);
    });

    /// <summary>
    /// After authentication: an upload endpoint gets the large body limit, but only for a signed-in caller; an
    /// anonymous caller announcing a body over the default limit is answered 413 at once, before anything reads it.
    /// </summary>
    public static IApplicationBuilder UseDocSignBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var isUpload = context.GetEndpoint()?.Metadata.GetMetadata<UploadBodyMetadata>() is not null;
        var isCompare = context.GetEndpoint()?.Metadata.GetMetadata<AnonymousCompareBodyMetadata>() is not null;
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (isCompare)
        {
            // The endpoint answers an oversized body itself (413 with the compare limit named) before reading it.
            var max = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<DocSign.Core.Signing.SigningOptions>>().Value.MaxCompareBytes + Uploads.FormOverhead;
            if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = max;
        }
        else if (isUpload && signedIn)
        {
            var max = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<UploadOptions>>().Value.MaxBytes + Uploads.FormOverhead;
            if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = max;
        }
        else if (context.Request.ContentLength > DefaultBodyLimit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = 413, Title = ProblemExceptionHandler.TitleOf(413),
                    Detail = signedIn
                        ? $"Permintaan terlalu besar: batas isi permintaan di alamat ini {DefaultBodyLimit / 1024} KB."
                        : $"Permintaan terlalu besar: tanpa masuk, isi permintaan paling banyak {DefaultBodyLimit / 1024} KB.",
                },
            });
            return;
        }
        await next(context);
    });

    /// <summary>Marks the anonymous copy comparison (see <see cref="AnonymousCompareBodyMetadata"/>).</summary>
    public static TBuilder AcceptsAnonymousCompare<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AnonymousCompareBodyMetadata());

    /// <summary>Marks an upload endpoint (see <see cref="UseDocSignBodyLimits"/>).</summary>
    public static TBuilder AcceptsUploads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new UploadBodyMetadata());
}
