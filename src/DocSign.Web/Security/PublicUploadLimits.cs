using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DocSign.Web.Security;

/// <summary>
/// <c>DocSign:Limits</c>: how much a stranger may make the service hash and compare. The anonymous copy comparison
/// (public page <c>/v/{id}</c> and <c>POST /api/public/verifications/{id}/compare</c>) gets a budget per client
/// address (counted in the database, so shared by every instance behind the proxy), a few at a time per address,
/// and a cap on how many run at once in all (both per instance: they protect its CPU).
/// </summary>
public sealed class PublicUploadLimitOptions
{
    public const string Section = "DocSign:Limits";

    /// <summary>Comparisons one client address may start per minute.</summary>
    public int ComparePerMinute { get; set; } = 10;

    /// <summary>Comparisons one client address may have running at once.</summary>
    public int CompareConcurrentPerAddress { get; set; } = 2;

    /// <summary>Anonymous comparisons running at once, all addresses together (each may read and hash a large file).</summary>
    public int CompareConcurrent { get; set; } = 4;
}

internal static class PublicUploadLimits
{
    /// <summary>Rate-limiting policy of the anonymous copy comparison (API and page; POST only).</summary>
    public const string ComparePolicy = "compare";

    public static IServiceCollection AddDocSignPublicUploadLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(PublicUploadLimitOptions.Section).Get<PublicUploadLimitOptions>() ?? new PublicUploadLimitOptions();
        // One for the whole process: chained limiters never dispose what they chain, so every partition may share it.
        var all = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = Math.Max(1, limits.CompareConcurrent), QueueLimit = 0 });
        services.AddRateLimiter(o => o.AddPolicy(ComparePolicy, context => !HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("view")
            : RateLimitPartition.Get("compare:" + context.Connection.RemoteIpAddress, key => RateLimiter.CreateChained(
                SharedBudgetLimiter.PerMinute(context, key, limits.ComparePerMinute),   // per minute: shared by the instances
                new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = Math.Max(1, limits.CompareConcurrentPerAddress), QueueLimit = 0 }),
                all))));
        return services;
    }
}
