using DocSign.Core.Problems;
using DocSign.Infrastructure.Jobs;
using DocSign.Web.Auth;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace DocSign.Web.Ui;

/// <summary>
/// Hangfire's dashboard at <see cref="Path"/>, for DocSign's admin only: behind DocSign's own sign-in (the cookie and
/// its session checks run first) and the account's admin flag read fresh from the database; anyone else gets 401
/// (not signed in) or 403. Read-only unless <c>DocSign:Jobs:DashboardReadOnly</c> is false (then the admin may retry
/// or trigger jobs; every job is idempotent).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/hangfire";

    /// <summary>Hangfire's pages use inline scripts and styles; this policy is for them only (DocSign's own pages keep the strict one).</summary>
    private const string Policy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication MapDocSignJobsDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Path), branch => branch.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy = Policy;
                return Task.CompletedTask;
            });
            return next(context);
        }));
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            AppPath = "/",
            DashboardTitle = "DocSign — pekerjaan latar belakang",
            DisplayStorageConnectionString = false,
            AsyncAuthorization = [new AdminOnly()],
            IsReadOnlyFunc = _ => options.DashboardReadOnly,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    /// <summary>The signed-in DocSign admin, nobody else.</summary>
    private sealed class AdminOnly : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (http.User.Identity?.IsAuthenticated != true) return false;
            try { return (await CurrentActor.GetAsync(http)).IsAdministrator; }
            catch (DocSignProblem) { return false; }
        }
    }
}
