using System.Threading.RateLimiting;
using DocSign.Infrastructure.Security;
using Microsoft.Extensions.Logging;

namespace DocSign.Web.Security;

/// <summary>
/// A rate limiter whose per-window budget is kept in the database (<see cref="RateBudgets"/>), so every instance
/// behind the proxy draws on the same budget. Only the asynchronous path asks the database: ASP.NET Core's rate
/// limiting tries the synchronous one first and then waits on this one. A database that cannot be reached lets the
/// request through (it will meet the database itself and get its 503 there).
/// </summary>
internal sealed class SharedBudgetLimiter(RateBudgets budgets, string key, int limit, TimeSpan window, ILogger logger) : RateLimiter
{
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Pending;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            var (taken, retryAfter) = await budgets.TryTakeAsync(key, limit, window, cancellationToken);
            return taken ? Lease.Granted : new Lease(false, retryAfter);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Shared rate budget unavailable; letting the request through");
            return Lease.Granted;
        }
    }

    /// <summary>The per-minute budget shared by the instances for <paramref name="key"/>.</summary>
    public static RateLimiter PerMinute(HttpContext context, string key, int limit) =>
        new SharedBudgetLimiter(context.RequestServices.GetRequiredService<RateBudgets>(), key, Math.Max(1, limit), TimeSpan.FromMinutes(1),
            context.RequestServices.GetRequiredService<ILogger<SharedBudgetLimiter>>());

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease Pending = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
