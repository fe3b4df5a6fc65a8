using DocSign.Core.Health;

namespace DocSign.Web.Api;

internal static class HealthEndpoint
{
    /// <summary><c>GET /health</c>: 200 when the database and the object store both answer, else 503 (within seconds).</summary>
    public static IEndpointRouteBuilder MapDocSignHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (CheckHealthHandler health, ILoggerFactory logs, CancellationToken aborted) =>
        {
            var report = await health.HandleAsync(aborted);
            var body = new { status = report.Ready ? "ok" : "unavailable", database = report.Database ? "ok" : "down", storage = report.Storage ? "ok" : "down" };
            if (!report.Ready)
                logs.CreateLogger("DocSign.Health").LogWarning("Health check failed: database {Database}, storage {Storage}", body.database, body.storage);
            return report.Ready ? Results.Ok(body) : Results.Json(body, statusCode: 503);
        }).AllowAnonymous();
        return app;
    }
}
