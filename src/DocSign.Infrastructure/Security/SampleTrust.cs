using System.Security.Cryptography.X509Certificates;

namespace DocSign.Infrastructure.Security;

/// <summary>
/// Recognises the repository's sample PKI (certs-sample/, private keys public): its root is named
/// "DocSign Sample Root CA" by scripts/gen-sample-pki.sh, whichever keys a run of that script made.
/// </summary>
public static class SampleTrust
{
    public const string SampleRootName = "DocSign Sample Root CA";

    /// <summary>What every report made while the sample root is trusted says.</summary>
    public const string Warning = "PKI CONTOH — bukan untuk produksi: layanan ini mempercayai akar sertifikat contoh (DocSign Sample Root CA) yang kunci privatnya terbuka, sehingga hasil VALID tidak membuktikan siapa penanda tangannya.";

    /// <summary>The BSrE emulator's fictional root (certs-sample/bsre): as public as the sample root, so treated the same.</summary>
    public const string BsreSampleRootName = "CONTOH Root CA Indonesia DS G1";

    public static bool IsSampleRoot(X509Certificate2 certificate) =>
        certificate.GetNameInfo(X509NameType.SimpleName, false) is SampleRootName or BsreSampleRootName
        && certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    /// <summary>Whether the certificate file at <paramref name="path"/> is the sample root (false when unreadable).</summary>
    public static bool IsSampleRootFile(string path)
    {
        try { return File.Exists(path) && IsSampleRoot(X509CertificateLoader.LoadCertificateFromFile(path)); }
        catch (System.Security.Cryptography.CryptographicException) { return false; }
    }
}
