using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Testing.Pki;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace DocSign.Bsre.Tests;

/// <summary>
/// A SoftHSM2 token of this test run (Debian's softhsm2; scripts/test.sh installs it): a private token directory named by
/// SOFTHSM2_CONF, initialised with softhsm2-util, holding the office e-seal of the sample PKI (seal-lumajang: key, certificate
/// and the CA chain as token objects), labelled <see cref="KeyLabel"/> on token <see cref="TokenLabel"/> with PIN <see cref="Pin"/>.
/// </summary>
public sealed class SoftHsmFixture : IDisposable
{
    public const string Library = "/usr/lib/softhsm/libsofthsm2.so";
    public const string TokenLabel = "CONTOH-SEGEL-LUMAJANG", KeyLabel = "segel", Pin = "246810", SoPin = "13579111";

    // One token per test process: the PKCS#11 module is loaded (and reads SOFTHSM2_CONF) once per process, so every class
    // that uses the token shares it, made once; its folder goes when the process ends, not when one class is done.
    private static readonly Lazy<string> Made = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);

    public SoftHsmFixture() => _ = Made.Value;

    private static string Make()
    {
        var dir = Path.Combine(Path.GetTempPath(), "docsign-softhsm-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, recursive: true); } catch (IOException) { } };
        if (!File.Exists(Library)) throw new InvalidOperationException($"{Library} missing: apt-get install softhsm2 (scripts/test.sh does)");
        Directory.CreateDirectory(Path.Combine(dir, "tokens"));
        var conf = Path.Combine(dir, "softhsm2.conf");
        File.WriteAllText(conf, $"directories.tokendir = {Path.Combine(dir, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n");
        // The native library reads the variable with getenv: set it in the process's C environment, not only .NET's copy.
        setenv("SOFTHSM2_CONF", conf, 1);
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", conf);
        Run("softhsm2-util", "--init-token", "--free", "--label", TokenLabel, "--so-pin", SoPin, "--pin", Pin);

        var p12 = X509CertificateLoader.LoadPkcs12CollectionFromFile(SamplePki.P12("seal-lumajang"), SamplePki.Passphrase, X509KeyStorageFlags.Exportable);
        var leaf = p12.First(c => c.HasPrivateKey);
        var keyPem = Path.Combine(dir, "key.pem");
        using (var rsa = leaf.GetRSAPrivateKey()!)
            File.WriteAllText(keyPem, new string(PemEncoding.Write("PRIVATE KEY", rsa.ExportPkcs8PrivateKey())));
        Run("softhsm2-util", "--import", keyPem, "--token", TokenLabel, "--label", KeyLabel, "--id", "01", "--pin", Pin);
        File.Delete(keyPem);

        var factories = new Pkcs11InteropFactories();
        // The process's one loaded module (the provider signs through the same one).
        var lib = DocSign.Infrastructure.Signing.Providers.Pkcs11Module.Load(Library);
        var slot = lib.GetSlotList(SlotsType.WithTokenPresent).First(s => s.GetTokenInfo().Label.Trim() == TokenLabel);
        using var session = slot.OpenSession(SessionType.ReadWrite);
        session.Login(CKU.CKU_USER, Pin);
        void Store(X509Certificate2 c, string label) => session.CreateObject(
        [
            factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE),
            factories.ObjectAttributeFactory.Create(CKA.CKA_CERTIFICATE_TYPE, CKC.CKC_X_509),
            factories.ObjectAttributeFactory.Create(CKA.CKA_TOKEN, true),
            factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label),
            factories.ObjectAttributeFactory.Create(CKA.CKA_SUBJECT, c.SubjectName.RawData),
            factories.ObjectAttributeFactory.Create(CKA.CKA_VALUE, c.RawData),
        ]);
        Store(leaf, KeyLabel);
        Store(SamplePki.SigningCa(), "ca");
        Store(SamplePki.Root(), "root");
        session.Logout();
        return dir;
    }

    private static void Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} failed: {output}");
    }

    public void Dispose() { }   // the shared token outlives each class (see Made)
}
