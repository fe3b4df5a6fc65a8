using System.CommandLine;

namespace DocSign.Cli;

/// <summary>`docsign verify` (see shared CONTRACT.md). Filled in by its issue.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var cmd = new Command("verify", "Not available yet in this build.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("docsign verify: not available yet in this build.");
            return 3;
        });
        return cmd;
    }
}
