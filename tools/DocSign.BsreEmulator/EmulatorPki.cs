using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.BsreEmulator;

/// <summary>
/// The emulator's fictional PKI (certs-sample/bsre, made by scripts/gen-bsre-sample-pki.sh): the CONTOH root and
/// BSrE CA with their keys (the OCSP answers are signed by the issuing CA itself), the TSA, and one PKCS#12 per
/// person or seal. Every key file uses the sample passphrase "sample".
/// </summary>
public sealed class EmulatorPki : IDisposable
{
    public const string SamplePassphrase = "sample";

    private readonly Dictionary<string, X509Certificate2> _leaves = new(StringComparer.Ordinal);

    public EmulatorPki(string directory)
    {
        Directory = directory;
        Root = LoadWithKey(Path.Combine(directory, "root.pem"), Path.Combine(directory, "root.key.pem"));
        Ca = LoadWithKey(Path.Combine(directory, "ca.pem"), Path.Combine(directory, "ca.key.pem"));
        Tsa = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(directory, "tsa.p12"), SamplePassphrase, X509KeyStorageFlags.EphemeralKeySet);
        foreach (var p12 in System.IO.Directory.GetFiles(Path.Combine(directory, "people"), "*.p12"))
            _leaves[Path.GetFileNameWithoutExtension(p12)] =
                X509CertificateLoader.LoadPkcs12FromFile(p12, SamplePassphrase, X509KeyStorageFlags.EphemeralKeySet);
    }

    public string Directory { get; }
    public X509Certificate2 Root { get; }
    public X509Certificate2 Ca { get; }
    public X509Certificate2 Tsa { get; }

    /// <summary>The certificate with its key of a person or seal by file stem (e.g. "bambang-setiadi").</summary>
    public X509Certificate2 Leaf(string stem) =>
        _leaves.TryGetValue(stem, out var c) ? c : throw new InvalidOperationException($"No sample certificate people/{stem}.p12 in {Directory}");

    /// <summary>Serial numbers (upper-case hex) this PKI issued, per issuer: for the OCSP "good" answers.</summary>
    public bool Issued(X509Certificate2 issuer, string serialHex) =>
        issuer.RawDataMemory.Span.SequenceEqual(Root.RawDataMemory.Span)
            ? string.Equals(serialHex, Ca.SerialNumber, StringComparison.OrdinalIgnoreCase)
            : _leaves.Values.Append(Tsa).Any(c => string.Equals(c.SerialNumber, serialHex, StringComparison.OrdinalIgnoreCase));

    private static X509Certificate2 LoadWithKey(string certPath, string keyPath)
    {
        using var cert = X509CertificateLoader.LoadCertificateFromFile(certPath);
        using var rsa = RSA.Create();
        rsa.ImportFromEncryptedPem(File.ReadAllText(keyPath), SamplePassphrase);
        using var withKey = cert.CopyWithPrivateKey(rsa);
        // Round-trip through PKCS#12 so the key is usable on every platform (an ephemeral RSA would be disposed with rsa).
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12, SamplePassphrase), SamplePassphrase,
            X509KeyStorageFlags.EphemeralKeySet);
    }

    public void Dispose()
    {
        Root.Dispose();
        Ca.Dispose();
        Tsa.Dispose();
        foreach (var c in _leaves.Values) c.Dispose();
    }
}
