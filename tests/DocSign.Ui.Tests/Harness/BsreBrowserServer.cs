using DocSign.BsreEmulator;
using DocSign.Testing.Pki;

namespace DocSign.Ui.Tests.Harness;

/// <summary>
/// A browser-test DocSign whose Lumajang Camat signs through a BSrE emulator of its own (API on a free loopback port, its
/// OCSP/TSA answered in-process), as under <c>scripts/run.sh</c>: NIK 9901011508710001, passphrase <see cref="Passphrase"/>.
/// </summary>
public sealed class BsreBrowserServer : DocSignServer
{
    public const string Nik = "9901011508710001", Passphrase = "Contoh#Lumajang1";

    public RunningEmulator Emulator { get; private set; } = null!;

    public static string PkiDirectory => Path.Combine(SamplePki.Dir, "bsre");

    protected override async Task<IReadOnlyDictionary<string, string?>> ExtraSettingsAsync()
    {
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { PkiDirectory = PkiDirectory, ApiUrl = "http://127.0.0.1:0", ServicesUrl = null });
        return new Dictionary<string, string?>
        {
            ["DocSign:Demo:BsreNik:lumajang"] = Nik,
            ["DocSign:Verification:TrustAnchors:1"] = Path.Combine(PkiDirectory, "root.pem"),
            ["DocSign:Signing:Bsre:BaseUrl"] = Emulator.BaseUrl.ToString(),
            ["DocSign:Signing:Bsre:User"] = Registry.DefaultUser,
            ["DocSign:Signing:Bsre:Password"] = Registry.DefaultPassword,
            ["DocSign:Signing:Bsre:TrustAnchors:0"] = Path.Combine(PkiDirectory, "root.pem"),
        };
    }

    protected override async Task DisposeExtrasAsync()
    {
        if (Emulator is not null) await Emulator.DisposeAsync();
    }
}

/// <summary>The browser tests that sign through the BSrE emulator share one such server.</summary>
[CollectionDefinition(Name)]
public sealed class BsreBrowserCollection : ICollectionFixture<BsreBrowserServer>
{
    public const string Name = "browser-bsre";
}
