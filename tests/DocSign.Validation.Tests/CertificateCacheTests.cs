using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Validation.Crypto;

namespace DocSign.Validation.Tests;

/// <summary>
/// The process-wide cache of parsed certificates and public keys: the same bytes give the same objects, other bytes
/// never do, bad bytes are refused every time, and the cache stays correct when it starts over.
/// </summary>
public class CertificateCacheGivesTheCertificateOfExactlyTheseBytes
{
    private static readonly ECDsa IssuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static byte[] Certificate(int serial, ECDsa? subjectKey = null)
    {
        var key = subjectKey ?? IssuerKey;
        var req = new CertificateRequest($"CN=Sertifikat Uji {serial}", key, HashAlgorithmName.SHA256);
        using var cert = req.Create(new X500DistinguishedName("CN=Penerbit Uji"), X509SignatureGenerator.CreateForECDsa(IssuerKey),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), BitConverter.GetBytes(serial + 1));
        return cert.RawData;
    }

    [Fact]
    public void Same_bytes_give_the_same_certificate_and_other_bytes_another()
    {
        var a = Certificate(1);
        var b = Certificate(2);
        var first = CertificateCache.Load(a);
        CertificateCache.Load(a.ToArray()).ShouldBeSameAs(first);
        first.RawData.ShouldBe(a);
        var other = CertificateCache.Load(b);
        other.ShouldNotBeSameAs(first);
        other.RawData.ShouldBe(b);
    }

    [Fact]
    public void Bytes_that_are_no_certificate_are_refused_each_time()
    {
        var bad = Certificate(3);
        bad[2] ^= 0x01; // the outer SEQUENCE's length no longer matches the bytes
        Should.Throw<CryptographicException>(() => CertificateCache.Load(bad));
        Should.Throw<CryptographicException>(() => CertificateCache.Load(bad));
    }

    [Fact]
    public void The_public_key_is_the_certificates_own_and_imported_once()
    {
        using var subject = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var cert = CertificateCache.Load(Certificate(4, subject));
        var key = CertificateCache.Ecdsa(cert);
        key.ShouldNotBeNull();
        CertificateCache.Ecdsa(cert).ShouldBeSameAs(key);
        CertificateCache.Rsa(cert).ShouldBeNull();
        var data = "dokumen"u8.ToArray();
        key.VerifyData(data, subject.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256).ShouldBeTrue();
        key.VerifyData(data, IssuerKey.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256).ShouldBeFalse();
    }

    [Fact]
    public void Past_its_capacity_it_starts_over_and_still_answers_exactly()
    {
        var kept = CertificateCache.Load(Certificate(5));
        var all = Enumerable.Range(100, CertificateCache.Capacity + 10).Select(i => Certificate(i)).ToList();
        foreach (var der in all) CertificateCache.Load(der).RawData.ShouldBe(der);
        // The certificate handed out before the start-over is still usable (cached objects are never disposed).
        kept.Subject.ShouldBe("CN=Sertifikat Uji 5");
        CertificateCache.Load(all[0]).RawData.ShouldBe(all[0]);
    }
}
