using DocSign.Core.Ports;
using DocSign.Infrastructure.Persistence;

namespace DocSign.Web.Api;

internal static class HealthEndpoint
{
    /// <summary><c>GET /health</c>: 200 when the database and the object store both answer, else 503 (within seconds).</summary>
    public static IEndpointRouteBuilder MapDocSignHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (DocSignDbContext db, IObjectStore store, ILoggerFactory logs, CancellationToken aborted) =>
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            cts.CancelAfter(TimeSpan.FromSeconds(5));
            var database = await Probe(() => db.Database.CanConnectAsync(cts.Token));
            var storage = await Probe(async () => { await store.CheckAsync(cts.Token); return true; });
            var body = new { status = database && storage ? "ok" : "unavailable", database = database ? "ok" : "down", storage = storage ? "ok" : "down" };
            if (!(database && storage))
                logs.CreateLogger("DocSign.Health").LogWarning("Health check failed: database {Database}, storage {Storage}", body.database, body.storage);
            return database && storage ? Results.Ok(body) : Results.Json(body, statusCode: 503);
        }).AllowAnonymous();
        return app;
    }

    private static async Task<bool> Probe(Func<Task<bool>> check)
    {
        try { return await check(); }
        catch (Exception) { return false; }
    }
}
