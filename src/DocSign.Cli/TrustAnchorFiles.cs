using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Cli;

/// <summary>
/// The <c>--trust CERT</c> files of <c>sign</c>, <c>verify</c> and <c>extend</c>: PEM (one or more certificates) or
/// DER. One reader, so that the three commands accept exactly the same files.
/// </summary>
internal static class TrustAnchorFiles
{
    /// <summary>Reads every file; a missing or unreadable one is a <see cref="TrustAnchorException"/> naming it (in Bahasa Indonesia).</summary>
    public static X509Certificate2Collection Load(IEnumerable<FileInfo> files)
    {
        var all = new X509Certificate2Collection();
        foreach (var f in files)
        {
            if (!f.Exists) throw new TrustAnchorException($"berkas jangkar kepercayaan {f.FullName} tidak ada");
            try
            {
                // A trust anchor is a small file; a large one is a wrong argument, not something to read into memory.
                if (f.Length > 1 << 20) throw new TrustAnchorException($"{f.Name} terlalu besar untuk sebuah sertifikat");
                var bytes = File.ReadAllBytes(f.FullName);
                var text = System.Text.Encoding.ASCII.GetString(bytes);
                if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                {
                    var pem = new X509Certificate2Collection();
                    pem.ImportFromPem(text);
                    // ImportFromPem passes over a block it cannot decode: a file that yields nothing is an error, not "trust nothing".
                    if (pem.Count == 0) throw new TrustAnchorException($"{f.Name} tidak memuat sertifikat X.509 yang dapat dibaca");
                    all.AddRange(pem);
                }
                else all.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
            catch (CryptographicException e)
            {
                throw new TrustAnchorException($"{f.Name} bukan sertifikat X.509 (PEM atau DER): {e.Message}");
            }
        }
        return all;
    }
}

/// <summary>A <c>--trust</c> file that is missing or holds no certificate; the message names it.</summary>
internal sealed class TrustAnchorException(string message) : Exception(message);
