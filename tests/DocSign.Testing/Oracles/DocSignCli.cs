namespace DocSign.Testing.Oracles;

/// <summary>
/// The `docsign` CLI under test as a real process. By default the docsign.dll built beside the test
/// assembly (run with `dotnet`); DOCSIGN_CLI=/path/to/docsign points the same contract tests at a
/// published executable instead (the ReadyToRun / self-contained build scripts/docsign runs), so the
/// shipped binary, not only the debug dll, is held to CONTRACT.md.
/// </summary>
public static class DocSignCli
{
    /// <summary>Runs the CLI with <paramref name="args"/>.</summary>
    public static ToolResult Run(IEnumerable<string> args, TimeSpan? timeout = null, IDictionary<string, string>? env = null)
    {
        var exe = Environment.GetEnvironmentVariable("DOCSIGN_CLI");
        return string.IsNullOrEmpty(exe)
            ? ExternalTool.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "docsign.dll"), .. args], timeout, env)
            : ExternalTool.Run(exe, args, timeout, env);
    }
}
