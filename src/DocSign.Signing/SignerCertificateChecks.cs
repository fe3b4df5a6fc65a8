using System.Formats.Asn1;
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
        var (notBefore, notAfter) = Validity(cert);
        if (time < notBefore)
            throw new SigningException(SigningErrorCode.CertificateNotValidAtSigningTime,
                $"Sertifikat penanda tangan belum berlaku (berlaku mulai {notBefore:yyyy-MM-dd HH:mm} UTC).");
        if (time > notAfter)
            throw new SigningException(SigningErrorCode.CertificateNotValidAtSigningTime,
                $"Sertifikat penanda tangan sudah kedaluwarsa (berakhir {notAfter:yyyy-MM-dd HH:mm} UTC).");
        var ku = cert.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (ku is not null && (ku.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
            throw new SigningException(SigningErrorCode.KeyUsageNotAllowed,
                "Kunci pada sertifikat ini tidak diizinkan untuk tanda tangan (key usage tanpa digitalSignature/nonRepudiation).");
    }

    /// <summary>
    /// notBefore/notAfter in UTC, read from the DER. <see cref="X509Certificate2.NotBefore"/> answers in local
    /// time, and its first use loads the system time-zone database: milliseconds of a CLI run, for a
    /// conversion that is undone at once. Falls back to those properties for an encoding this reader refuses.
    /// </summary>
    private static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Validity(X509Certificate2 cert)
    {
        try
        {
            var tbs = TbsAfterSignatureAlgorithm(cert);
            tbs.ReadEncodedValue();                                       // issuer
            var validity = tbs.ReadSequence();
            return (ReadTime(validity), ReadTime(validity));
        }
        catch (AsnContentException)
        {
            return (cert.NotBefore.ToUniversalTime(), cert.NotAfter.ToUniversalTime());
        }
    }

    /// <summary>
    /// The DER issuer and subject names, straight from the certificate: the same bytes as
    /// <c>IssuerName.RawData</c>/<c>SubjectName.RawData</c>, without building those objects through OpenSSL
    /// (milliseconds at the start of a CLI run, where the chain is ordered while the document is copied).
    /// </summary>
    internal static (ReadOnlyMemory<byte> Issuer, ReadOnlyMemory<byte> Subject) Names(X509Certificate2 cert)
    {
        try
        {
            var tbs = TbsAfterSignatureAlgorithm(cert);
            var issuer = tbs.ReadEncodedValue();
            tbs.ReadEncodedValue();                                       // validity
            return (issuer, tbs.ReadEncodedValue());
        }
        catch (AsnContentException)
        {
            return (cert.IssuerName.RawData, cert.SubjectName.RawData);
        }
    }

    private static AsnReader TbsAfterSignatureAlgorithm(X509Certificate2 cert)
    {
        var certificate = new AsnReader(cert.RawDataMemory, AsnEncodingRules.DER).ReadSequence();
        var tbs = certificate.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            tbs.ReadEncodedValue();                                       // [0] version
        tbs.ReadEncodedValue();                                           // serialNumber
        tbs.ReadEncodedValue();                                           // signature AlgorithmIdentifier
        return tbs;
    }

    private static DateTimeOffset ReadTime(AsnReader r) =>
        r.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? r.ReadUtcTime(2049) : r.ReadGeneralizedTime();
}
