using System.CommandLine;
using DocSign.Cli;

// The CLI's table of contents: one file per command.
var root = new RootCommand("DocSign: PAdES signing and verification for Kecamatan documents.")
{
    SignCommand.Create(),
    VerifyCommand.Create(),
    ExtendCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
