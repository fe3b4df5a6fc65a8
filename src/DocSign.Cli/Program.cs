using System.CommandLine;
using DocSign.Cli;

// The CLI's table of contents: one file per command.
// A signing run starts opening its key now, while the command line is parsed (see SignCommand.StartKeyEarly).
// A verification run starts reading its trust anchors (and so initialising OpenSSL) the same way.
if (args.Length > 0 && args[0] == "sign") SignCommand.StartKeyEarly(args);
else if (args.Length > 0 && args[0] == "verify") VerifyCommand.StartAnchorsEarly(args);
var root = new RootCommand("DocSign: PAdES signing and verification for Kecamatan documents.");
// Start-up is most of a CLI run: when the first word names a command, build only that one (each builds its
// options, validators and handler); help and unknown words still get the full table.
Func<Command>? only = (args.Length > 0 ? args[0] : null) switch
{
    "sign" => SignCommand.Create,
    "verify" => VerifyCommand.Create,
    "extend" => ExtendCommand.Create,
    _ => null,
};
if (only is not null) root.Add(only());
else
{
    root.Add(SignCommand.Create());
    root.Add(VerifyCommand.Create());
    root.Add(ExtendCommand.Create());
}
var parsed = root.Parse(args);
// CONTRACT.md: a wrong `verify` (and `extend`) call exits 3 (System.CommandLine's own parse-error exit is 1, which means INVALID there).
if (parsed.Errors.Count > 0 && parsed.CommandResult.Command.Name is "verify" or "extend")
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"docsign {parsed.CommandResult.Command.Name}: " + error.Message);
    return 3;
}
return await parsed.InvokeAsync();
