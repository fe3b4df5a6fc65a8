using System.Security.Cryptography.X509Certificates;

namespace DocSign.Signing;

/// <summary>
/// Refusals before any byte is written: a signature that every validator would reject anyway
/// (expired or not-yet-valid certificate, key not allowed to sign) is not made at all.
/// </summary>
public static class SignerCertificateChecks
{
    /// <summary>Throws <see cref="SigningException"/> when <paramref name="cert"/> must not sign at <paramref name="time"/>.</summary>
    public static void EnsureCanSign(X509Certificate2 cert, DateTimeOffset time)
    {
        if (time < cert.NotBefore.ToUniversalTime())
            throw new SigningException(SigningErrorCode.CertificateNotValidAtSigningTime,
                $"Sertifikat penanda tangan belum berlaku (berlaku mulai {cert.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC).");
        if (time > cert.NotAfter.ToUniversalTime())
            throw new SigningException(SigningErrorCode.CertificateNotValidAtSigningTime,
                $"Sertifikat penanda tangan sudah kedaluwarsa (berakhir {cert.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC).");
        var ku = cert.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (ku is not null && (ku.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
            throw new SigningException(SigningErrorCode.KeyUsageNotAllowed,
                "Kunci pada sertifikat ini tidak diizinkan untuk tanda tangan (key usage tanpa digitalSignature/nonRepudiation).");
    }
}
