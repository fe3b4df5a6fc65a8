using System.CommandLine;

namespace DocSign.Cli;

/// <summary>`docsign sign` (see shared CONTRACT.md). Filled in by its issue.</summary>
internal static class SignCommand
{
    public static Command Create()
    {
        var cmd = new Command("sign", "Not available yet in this build.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("docsign sign: not available yet in this build.");
            return 3;
        });
        return cmd;
    }
}
