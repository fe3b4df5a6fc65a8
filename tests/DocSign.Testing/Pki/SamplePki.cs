using System.Security.Cryptography.X509Certificates;

namespace DocSign.Testing.Pki;

/// <summary>
/// The committed sample PKI in certs-sample/ (see its README.md): paths, certificates and PKCS#12
/// files. Found by walking up from the test's base directory to the repository root.
/// </summary>
public static class SamplePki
{
    /// <summary>Every PKCS#12 passphrase of the sample PKI.</summary>
    public const string Passphrase = "sample";

    /// <summary>The loopback addresses the sample certificates name.</summary>
    public static readonly Uri TsaUrl = new("http://127.0.0.1:18782/tsa");
    public static readonly Uri OcspUrl = new("http://127.0.0.1:18781/ocsp");
    public static readonly Uri CrlBaseUrl = new("http://127.0.0.1:18780/crl/");

    private static readonly Lazy<string> RootDir = new(FindRepoRoot);

    /// <summary>The repository root (the directory holding DocSign.sln).</summary>
    public static string RepoRoot => RootDir.Value;

    /// <summary>certs-sample/.</summary>
    public static string Dir => Path.Combine(RepoRoot, "certs-sample");

    /// <summary>Full path of a file in certs-sample, e.g. "camat-kanigaran.p12".</summary>
    public static string PathOf(string file) => Path.Combine(Dir, file);

    /// <summary>The trust anchor.</summary>
    public static X509Certificate2 Root() => LoadPem("root-ca.pem");

    /// <summary>The issuing CA of every sample signer.</summary>
    public static X509Certificate2 SigningCa() => LoadPem("signing-ca.pem");

    /// <summary>The root nobody trusts (issuer of test-untrusted).</summary>
    public static X509Certificate2 UntrustedRoot() => LoadPem("untrusted-root-ca.pem");

    /// <summary>A certificate by file name in certs-sample ("camat-kanigaran.pem").</summary>
    public static X509Certificate2 LoadPem(string file) => X509CertificateLoader.LoadCertificateFromFile(PathOf(file));

    /// <summary>The PKCS#12 file of a signer, e.g. <c>P12("camat-kanigaran")</c>.</summary>
    public static string P12(string name) => PathOf(name + ".p12");

    /// <summary>Loads a signer's key and chain (private key usable, ephemeral).</summary>
    public static X509Certificate2Collection LoadP12(string name) =>
        X509CertificateLoader.LoadPkcs12CollectionFromFile(P12(name), Passphrase, X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>Signers of the four offices, the Sekcam and the deliberate test variants.</summary>
    public static class Names
    {
        public const string CamatKanigaran = "camat-kanigaran";
        public const string CamatCandipuro = "camat-candipuro";
        public const string CamatLumajang = "camat-lumajang";
        public const string CamatPronojiwo = "camat-pronojiwo";
        public const string SekcamKanigaran = "sekcam-kanigaran";
        public const string Expired = "test-expired";
        public const string NotYetValid = "test-not-yet-valid";
        public const string NoSigningUsage = "test-no-sign-usage";
        public const string Revoked = "test-revoked";
        public const string Untrusted = "test-untrusted";
        public const string Tsa = "tsa";
        public const string Ocsp = "ocsp";
        public static string Seal(string office) => "seal-" + office;
    }

    private static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "DocSign.sln")) && Directory.Exists(Path.Combine(d.FullName, "certs-sample")))
                return d.FullName;
        throw new InvalidOperationException("Repository root (DocSign.sln + certs-sample/) not found above " + AppContext.BaseDirectory);
    }
}
