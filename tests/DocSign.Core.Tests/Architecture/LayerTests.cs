using System.Reflection;
using System.Text.RegularExpressions;
using DocSign.Core.Ports;

namespace DocSign.Core.Tests.Architecture;

/// <summary>
/// The layers as the project standards draw them. Core holds the use cases and speaks to the engine and the
/// adapters only through its ports: a reference back would let their types leak into use cases. Web calls Core
/// handlers; only the host's set-up (the composition root and the sign-in plumbing ASP.NET Core Identity needs)
/// names Infrastructure, so a screen or endpoint cannot reach past a use case to a table or an adapter.
/// </summary>
public sealed partial class LayerTests
{
    private static readonly string[] NotForCore = ["DocSign.Pdf", "DocSign.Signing", "DocSign.Validation", "DocSign.Infrastructure", "DocSign.Web", "DocSign.Cli"];

    /// <summary>
    /// Web's host set-up, which wires Infrastructure into the container, and the sign-in plumbing built on
    /// ASP.NET Core Identity's store (whose user type lives in Infrastructure). Paths under src/DocSign.Web.
    /// </summary>
    private static readonly string[] HostSetUp =
    [
        // The composition root and the host's commands (migrate, backup, demo switch).
        "Program.cs", "Security/HostCommands.cs",
        // Sign-in plumbing on ASP.NET Core Identity's user store and the server-side session rows (both Infrastructure
        // types): issuing and checking cookies and tokens, the admin's lock. The sign-in throttle counts through Core's
        // ISignInAttempts, and the session screens (Sesi, Keluar, PercobaanMasuk) go through Core's ISessionDirectory.
        "Auth/AuthSetup.cs", "Auth/PasswordSignIn.cs", "Auth/TokenEndpoints.cs", "Auth/SessionChecks.cs", "Auth/AdminEndpoints.cs",
        // Host plumbing of the cluster issue: the rate limiter's shared budgets (a database table) and the mapping of
        // Hangfire's dashboard onto the job store.
        "Security/SharedBudgetLimiter.cs", "Ui/JobsDashboard.cs",
    ];

    [Fact]
    public void Core_references_no_other_DocSign_assembly()
    {
        var references = typeof(IObjectStore).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        references.ShouldNotBeEmpty();
        references.Where(r => r.StartsWith("DocSign.", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void Core_project_file_references_no_project()
    {
        File.ReadAllText(Path.Combine(Repo, "src", "DocSign.Core", "DocSign.Core.csproj")).ShouldNotContain("ProjectReference");
        foreach (var other in NotForCore) typeof(IObjectStore).Assembly.GetReferencedAssemblies().ShouldNotContain(a => a.Name == other);
    }

    [Fact]
    public void Web_names_Infrastructure_only_in_the_host_set_up()
    {
        var web = Path.Combine(Repo, "src", "DocSign.Web");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => Path.GetRelativePath(web, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !HostSetUp.Contains(f))
            .Where(f => NamesInfrastructure().IsMatch(File.ReadAllText(Path.Combine(web, f))))
            .ToList();
        offenders.ShouldBeEmpty("these Web files reach past Core into Infrastructure; give them a Core handler or port instead");
    }

    [Fact]
    public void The_host_set_up_list_names_files_that_exist()
    {
        foreach (var file in HostSetUp) File.Exists(Path.Combine(Repo, "src", "DocSign.Web", file)).ShouldBeTrue(file);
    }

    [Fact]
    public void Every_file_on_the_host_set_up_list_still_needs_to_be_there()
    {
        // A file that no longer names Infrastructure leaves the list, so the exception cannot outlive its reason.
        var stale = HostSetUp.Where(f => !NamesInfrastructure().IsMatch(File.ReadAllText(Path.Combine(Repo, "src", "DocSign.Web", f)))).ToList();
        stale.ShouldBeEmpty("these files no longer name Infrastructure: take them off the host set-up list");
    }

    /// <summary>"DocSign.Infrastructure" in a using or a qualified name, or "Infrastructure." as a namespace from inside DocSign.</summary>
    [GeneratedRegex(@"\bDocSign\.Infrastructure\b|(?<![\w.])Infrastructure\.[A-Z]")]
    private static partial Regex NamesInfrastructure();

    private static string Repo
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DocSign.sln"))) dir = dir.Parent;
            dir.ShouldNotBeNull("the test runs inside the repository");
            return dir.FullName;
        }
    }
}
