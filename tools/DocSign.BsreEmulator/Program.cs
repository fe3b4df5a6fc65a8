namespace DocSign.BsreEmulator;

/// <summary>The emulator as a program (a named class, so that test projects referencing both it and DocSign.Web see one <c>Program</c>).</summary>
internal static class EmulatorProgram
{
    public static async Task Main(string[] args)
    {
        // dotnet run --project tools/DocSign.BsreEmulator -- [--pki DIR] [--api URL] [--services URL] [--fault NAME] [--fault-file N]
        // Environment: BSRE_EMULATOR_PKI, BSRE_EMULATOR_API, BSRE_EMULATOR_SERVICES, BSRE_EMULATOR_FAULT, BSRE_EMULATOR_FAULT_FILE.
        string? Arg(string name, string env) =>
            args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable(env);

        var root = AppContext.BaseDirectory;
        var pki = Arg("--pki", "BSRE_EMULATOR_PKI")
                  ?? Enumerable.Range(0, 8).Select(i => Path.GetFullPath(Path.Combine(root, string.Concat(Enumerable.Repeat("../", i)), "certs-sample/bsre")))
                      .FirstOrDefault(Directory.Exists)
                  ?? throw new InvalidOperationException("certs-sample/bsre not found; pass --pki");
        var options = new EmulatorOptions
        {
            PkiDirectory = pki,
            ApiUrl = Arg("--api", "BSRE_EMULATOR_API") ?? "http://127.0.0.1:18790",
            ServicesUrl = Arg("--services", "BSRE_EMULATOR_SERVICES") ?? "http://127.0.0.1:18791",
            Fault = Enum.TryParse<Fault>(Arg("--fault", "BSRE_EMULATOR_FAULT"), true, out var f) ? f : Fault.None,
            FaultFile = int.TryParse(Arg("--fault-file", "BSRE_EMULATOR_FAULT_FILE"), out var n) && n > 0 ? n : null,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        };
        await using var emulator = await EmulatorHost.StartAsync(options);
        Console.WriteLine($"BSrE ECS emulator (CONTOH, sample PKI {pki}) on {emulator.BaseUrl}; OCSP/TSA on {options.ServicesUrl}; fault {emulator.Fault}");
        var done = new TaskCompletionSource();
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; done.TrySetResult(); });
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; done.TrySetResult(); });
        await done.Task;
    }
}
