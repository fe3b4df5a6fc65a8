using DocSign.Infrastructure;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Security;

namespace DocSign.Web.Security;

/// <summary>
/// Operator commands run by the service binary instead of serving (same configuration as the service):
/// <c>--remove-demo-data</c> and <c>--verify-audit</c>. Output in English for the operator; exit code 0 on success.
/// </summary>
internal static class HostCommands
{
    public static bool IsCommand(string[] args) => args.Contains("--remove-demo-data") || args.Contains("--verify-audit");

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.Services.MigrateDocSignAsync();
        await using var scope = app.Services.CreateAsyncScope();
        if (args.Contains("--remove-demo-data"))
        {
            try
            {
                var (users, offices, kept) = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().RemoveAsync();
                Console.WriteLine($"Removed {users} demo account(s) and {offices} demo office(s).");
                if (kept.Count > 0) Console.WriteLine($"Kept demo office(s) that still hold documents or members: {string.Join(", ", kept)}.");
                return 0;
            }
            catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
            {
                Console.Error.WriteLine($"Could not remove the demo data: other records still refer to the demo accounts ({e.GetBaseException().Message}). Nothing was removed.");
                return 1;
            }
        }
        var report = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        if (report.Intact)
        {
            Console.WriteLine($"Audit chain intact: {report.Entries} entries" + (report.Anchor is null ? "; not anchored yet." : $"; latest anchor held: {report.Anchor}."));
            return 0;
        }
        var where = report.FirstBrokenSequence is { } s ? $"at entry {s}" : "";
        if (report.Anchor is not null) where += (where.Length > 0 ? ", " : "") + $"against {report.Anchor}";
        Console.WriteLine($"Audit chain BROKEN {where}: {report.Problem} ({report.Entries} entries checked before it).");
        return 2;
    }

    /// <summary>
    /// Refuses to serve in Production with demo data, the sample PKI, or unencrypted sign-in keys. On refusal the host is
    /// disposed before the process ends: the console logger writes from a background queue, and a process that simply
    /// returned from Main lost the refusal lines under load, leaving the operator an exit code without a reason.
    /// </summary>
    public static async Task<bool> SafeToStartAsync(WebApplication app)
    {
        if (!app.Environment.IsProduction()) return true;
        var problems = ProductionGuard.Problems(app.Configuration);
        if (problems.Count == 0) return true;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DocSign.Startup");
        foreach (var problem in problems)
            logger.LogCritical("Refusing to start in Production: {Problem}", problem);
        logger.LogCritical("For the demo, run scripts/run.sh (environment '{Demo}'); for production, fix the settings above.", ProductionGuard.DemoEnvironment);
        await app.DisposeAsync();
        return false;
    }
}
