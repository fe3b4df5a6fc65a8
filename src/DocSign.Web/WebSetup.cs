using DocSign.Core.Documents;
using DocSign.Web.Api;
using DocSign.Web.Auth;
using DocSign.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DocSign.Web;

internal static class WebSetup
{
    /// <summary>Problem details, bearer and cookie authentication, and request limits sized from <c>DocSign:Upload:MaxBytes</c>.</summary>
    public static IServiceCollection AddDocSignWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddDocSignAuthentication();
        services.AddDocSignSecurity(configuration);   // body and rate limits, audit context, sign-in throttle

        var maxBytes = configuration.GetSection(UploadOptions.Section).Get<UploadOptions>()?.MaxBytes ?? new UploadOptions().MaxBytes;
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = maxBytes + Uploads.FormOverhead;
            o.ValueCountLimit = 64;
        });
        return services;
    }

    public static WebApplication UseDocSignWeb(this WebApplication app)
    {
        app.UseDocSignResponseHeaders();
        app.UseExceptionHandler();
        app.UseMalformedFormGuard();   // a broken or cut-short form body is a 400 everywhere, never a 500
        // Give bodiless 4xx answers (401 challenge, unknown route) a problem+json body in Bahasa Indonesia.
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var malformed = status == 400 && MalformedForms.WasMalformed(http);   // the antiforgery check ended it without a body
            if (!http.Request.Path.StartsWithSegments("/api") && await Ui.StatusPage.TryWriteAsync(http, status, malformed ? MalformedFormException.UserMessage : null)) return;
            var detail = malformed ? MalformedFormException.UserMessage : ProblemExceptionHandler.DefaultDetail(status);
            if (detail is null) return;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = status, Title = ProblemExceptionHandler.TitleOf(status), Detail = detail },
            });
        });
        app.UseAuthentication();
        app.UseDocSignSessionChecks();   // stamp, lock-out, logout: refused tokens and cookies count as anonymous
        app.UseCookieApiAntiforgery();
        app.UseDocSignBodyLimits();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
