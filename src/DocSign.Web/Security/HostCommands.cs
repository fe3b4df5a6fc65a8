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
            Console.WriteLine($"Audit chain intact: {report.Entries} entries.");
            return 0;
        }
        Console.WriteLine($"Audit chain BROKEN at entry {report.FirstBrokenSequence}: {report.Problem} ({report.Entries} entries checked before it).");
        return 2;
    }

    /// <summary>
    /// Refuses to serve outside the demo environments (Demo, Development) with demo data, any certificate or key of the
    /// sample PKI, or unencrypted sign-in keys (<see cref="ProductionGuard"/>). On refusal the host is disposed before the
    /// process ends: the console logger writes from a background queue, and a process that simply returned from Main
    /// lost the refusal lines under load, leaving the operator an exit code without a reason.
    /// </summary>
    public static async Task<bool> SafeToStartAsync(WebApplication app)
    {
        var environment = app.Environment.EnvironmentName;
        var problems = ProductionGuard.Problems(app.Configuration, environment);
        // The database's own sample keys are refused for serving only: the operator commands (--remove-demo-data) mend them.
        if (problems.Count == 0 && !IsCommand(Environment.GetCommandLineArgs()))
            problems = await ProductionGuard.StoredProblemsAsync(app.Services, environment);
        if (problems.Count == 0) return true;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DocSign.Startup");
        foreach (var problem in problems)
            logger.LogCritical("Refusing to start in {Environment}: {Problem}", environment, problem);
        logger.LogCritical("The demo data and the sample PKI run only in the environments {Allowed}; for the demo, run scripts/run.sh (environment '{Demo}'); otherwise fix the settings above.",
            string.Join(" and ", SampleTrust.AllowedEnvironments), ProductionGuard.DemoEnvironment);
        await app.DisposeAsync();
        return false;
    }
}
