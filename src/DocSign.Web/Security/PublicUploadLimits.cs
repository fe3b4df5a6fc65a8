using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DocSign.Web.Security;

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
