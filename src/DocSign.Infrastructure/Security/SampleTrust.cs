using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace DocSign.Infrastructure.Security;

/// <summary>
/// The one place that knows the repository's sample PKI (certs-sample/, private keys public): where the demo finds
/// it (<c>DocSign:SamplePkiDirectory</c>, the only reader of that setting), which environments may use it, and how any
/// of its certificates or keys is recognised: by the SHA-256 fingerprint of the certificate, or of its public key, as
/// built into this assembly from certs-sample/ (see the project file). A copy under another name, a chain file holding
/// it, or a PKCS#12 made from one of its keys is recognised as well; a name is never trusted either way.
/// </summary>
public static class SampleTrust
{
    /// <summary>The setting that points the demo at the sample PKI directory.</summary>
    public const string DirectorySetting = "DocSign:SamplePkiDirectory";

    /// <summary>Every PKCS#12 passphrase of the sample PKI (certs-sample/README.md); public.</summary>
    public const string Passphrase = "sample";

    /// <summary>The environments where the demo data and the sample PKI may be used (scripts/run.sh runs "Demo").</summary>
    public static readonly IReadOnlyList<string> AllowedEnvironments = ["Demo", "Development"];

    /// <summary>What every report made while a sample certificate is trusted says.</summary>
    public const string Warning = "PKI CONTOH — bukan untuk produksi: layanan ini mempercayai sertifikat dari PKI contoh DocSign yang kunci privatnya terbuka, sehingga hasil VALID tidak membuktikan siapa penanda tangannya.";

    private const string ResourcePrefix = "DocSign.SamplePki/";
    private static readonly Lazy<(HashSet<string> Certificates, HashSet<string> PublicKeys, HashSet<string> Issued)> Known = new(LoadKnown);

    /// <summary>Whether <paramref name="environmentName"/> may run the demo and the sample PKI (case-insensitive, as ASP.NET compares them).</summary>
    public static bool IsAllowedIn(string environmentName) =>
        AllowedEnvironments.Any(e => string.Equals(e, environmentName?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The configured sample PKI directory, or null when the demo does not use one.</summary>
    public static string? Directory(IConfiguration configuration) =>
        configuration[DirectorySetting] is { Length: > 0 } d && !string.IsNullOrWhiteSpace(d) ? d : null;

    /// <summary>A file of the configured sample PKI directory ("root-ca.pem", "seal-kanigaran.p12"), or null when none is configured or it does not exist.</summary>
    public static string? File(IConfiguration configuration, string name) =>
        Directory(configuration) is { } d && System.IO.File.Exists(Path.Combine(d, name)) ? Path.Combine(d, name) : null;

    /// <summary>The sample root's file, the anchor the demo trusts (null without a sample directory).</summary>
    public static string? RootFile(IConfiguration configuration) =>
        Directory(configuration) is { } d ? Path.Combine(d, "root-ca.pem") : null;

    /// <summary>Whether the certificate, or its key, belongs to the sample PKI.</summary>
    public static bool IsSample(X509Certificate2 certificate) =>
        Known.Value.Certificates.Contains(Fingerprint(certificate.RawData))
        || Known.Value.PublicKeys.Contains(Fingerprint(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>
    /// Whether a certificate known only by its issuer and serial number (an enrolment stored in the database) is one of
    /// the sample PKI's, or was issued by one of its CAs (whose keys are public).
    /// </summary>
    public static bool IsSampleIssued(string issuer, string serialNumber) =>
        Known.Value.Issued.Contains(issuer + "|" + serialNumber.ToUpperInvariant()) || Known.Value.Issued.Contains(issuer + "|*");

    /// <summary>The SHA-256 fingerprint, upper-case hex.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> der) => Convert.ToHexString(SHA256.HashData(der));

    /// <summary>How many certificates the build knew as the sample PKI's (a test checks it is not zero).</summary>
    public static int KnownCount => Known.Value.Certificates.Count;

    /// <summary>
    /// The sample certificates in a certificate file (PEM with one or more certificates, or DER), or in a PKCS#12 opened
    /// with <paramref name="pkcs12Passphrase"/>; empty when there are none or the file cannot be read as such.
    /// </summary>
    public static IReadOnlyList<X509Certificate2> SampleCertificatesIn(string path, string? pkcs12Passphrase = null) =>
        CertificatesIn(path, pkcs12Passphrase).Where(IsSample).ToList();

    /// <summary>Every certificate in a PEM/DER file, or (with a passphrase) a PKCS#12; empty when unreadable.</summary>
    public static IReadOnlyList<X509Certificate2> CertificatesIn(string path, string? pkcs12Passphrase = null)
    {
        try
        {
            if (!System.IO.File.Exists(path)) return [];
            var bytes = System.IO.File.ReadAllBytes(path);
            var collection = new X509Certificate2Collection();
            if (pkcs12Passphrase is not null)
            {
                collection = X509CertificateLoader.LoadPkcs12Collection(bytes, pkcs12Passphrase, X509KeyStorageFlags.EphemeralKeySet);
            }
            else if (System.Text.Encoding.ASCII.GetString(bytes).Contains("-----BEGIN", StringComparison.Ordinal))
            {
                collection.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
                AddPublicKeysOfPrivateKeys(System.Text.Encoding.ASCII.GetString(bytes), collection);
            }
            else
            {
                collection.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
            return [.. collection];
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }

    /// <summary>
    /// A PEM holding a bare private key (tsa.key.pem) is recognised by its public key: wrapped in a throw-away
    /// self-signed certificate. The sample keys are encrypted under the sample passphrase, which is public.
    /// </summary>
    private static void AddPublicKeysOfPrivateKeys(string pem, X509Certificate2Collection into)
    {
        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal)) return;
        var request = TryRsa(pem) is { } rsa ? new CertificateRequest("CN=key", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : TryEcdsa(pem) is { } ec ? new CertificateRequest("CN=key", ec, HashAlgorithmName.SHA256) : null;
        if (request is null) return;
        into.Add(request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1)));
    }

    private static bool Encrypted(string pem) => pem.Contains("ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);

    private static RSA? TryRsa(string pem)
    {
        var rsa = RSA.Create();
        try { if (Encrypted(pem)) rsa.ImportFromEncryptedPem(pem, Passphrase); else rsa.ImportFromPem(pem); return rsa; }
        catch (Exception e) when (e is CryptographicException or ArgumentException) { rsa.Dispose(); return null; }
    }

    private static ECDsa? TryEcdsa(string pem)
    {
        var ec = ECDsa.Create();
        try { if (Encrypted(pem)) ec.ImportFromEncryptedPem(pem, Passphrase); else ec.ImportFromPem(pem); return ec; }
        catch (Exception e) when (e is CryptographicException or ArgumentException) { ec.Dispose(); return null; }
    }

    private static (HashSet<string>, HashSet<string>, HashSet<string>) LoadKnown()
    {
        var certificates = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var issued = new HashSet<string>(StringComparer.Ordinal);
        var assembly = typeof(SampleTrust).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var collection = new X509Certificate2Collection();
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN CERTIFICATE", StringComparison.Ordinal)) collection.ImportFromPem(text);
            else collection.Add(X509CertificateLoader.LoadCertificate(bytes));
            foreach (var c in collection)
            {
                certificates.Add(Fingerprint(c.RawData));
                keys.Add(Fingerprint(c.PublicKey.ExportSubjectPublicKeyInfo()));
                issued.Add(c.Issuer + "|" + c.SerialNumber.ToUpperInvariant());
                if (c.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority)) issued.Add(c.Subject + "|*");
            }
        }
        return (certificates, keys, issued);
    }
}
