using DocSign.Infrastructure;
using DocSign.Infrastructure.Audit;
using DocSign.Infrastructure.Backup;
using DocSign.Infrastructure.Demo;
using DocSign.Infrastructure.Security;

namespace DocSign.Web.Security;

/// <summary>
/// Operator commands run by the service binary instead of serving (same configuration as the service):
/// <c>--remove-demo-data</c>, <c>--verify-audit</c>, and for scripts/backup.sh and scripts/restore.sh
/// <c>--export-objects DIR</c>, <c>--import-objects DIR</c> and <c>--check-restore DIR</c>. Output in English for the
/// operator; exit code 0 on success.
/// </summary>
internal static class HostCommands
{
    private static readonly string[] Commands = ["--remove-demo-data", "--verify-audit", "--export-objects", "--import-objects", "--check-restore"];

    public static bool IsCommand(string[] args) => args.Any(Commands.Contains);

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
        if (BackupArgument(args) is { } backup)
            return await RunBackupAsync(ActivatorUtilities.CreateInstance<ObjectBackup>(scope.ServiceProvider), backup.Command, backup.Folder);
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

    private static (string Command, string Folder)? BackupArgument(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
            if (args[i] is "--export-objects" or "--import-objects" or "--check-restore")
                return i + 1 < args.Length ? (args[i], args[i + 1]) : throw new ArgumentException($"{args[i]} needs a folder.");
        return null;
    }

    private static async Task<int> RunBackupAsync(ObjectBackup backup, string command, string folder)
    {
        switch (command)
        {
            case "--export-objects":
                var (objects, bytes) = await backup.ExportAsync(folder);
                Console.WriteLine($"Exported {objects} object(s), {bytes} bytes, with their SHA-256 in {ObjectBackup.ManifestName}.");
                return 0;
            case "--import-objects":
                Console.WriteLine($"Imported {await backup.ImportAsync(folder)} object(s); every one matched its manifest hash.");
                return 0;
            default:
                var check = await backup.CheckAsync(folder);
                Console.WriteLine($"Checked {check.Versions} document version(s) ({check.Signed} signed, written to {folder}), {check.Letters} letter(s), {check.ArchiveCopies} archive copy(ies).");
                foreach (var problem in check.Problems) Console.WriteLine($"PROBLEM: {problem}");
                return check.Problems.Count == 0 ? 0 : 2;
        }
    }
}
