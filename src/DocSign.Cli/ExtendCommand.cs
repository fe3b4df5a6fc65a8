using System.CommandLine;

namespace DocSign.Cli;

/// <summary>`docsign extend` (see shared CONTRACT.md). Filled in by its issue.</summary>
internal static class ExtendCommand
{
    public static Command Create()
    {
        var cmd = new Command("extend", "Not available yet in this build.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("docsign extend: not available yet in this build.");
            return 3;
        });
        return cmd;
    }
}
