using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Testing.Oracles;
using DocSign.Validation.Revocation;

namespace DocSign.Validation.Tests;

/// <summary>
/// Name constraints in the certification path, checked against <c>openssl verify</c> on a PKI generated here: an
/// intermediate CA limited to one office's directory names, its e-mail domain and DNS names, with one unit excluded.
/// DocSign's path check must accept exactly what OpenSSL accepts.
/// </summary>
public class NameConstraintsDifferentialTests
{
    private const string Office = "O=Kecamatan Kanigaran, C=ID";

    private static readonly Lazy<(X509Certificate2 Root, X509Certificate2 Inter, RSA InterKey)> Pki = new(() =>
    {
        var rootKey = RSA.Create(2048);
        var rootReq = new CertificateRequest("CN=Root Uji NC, C=ID", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootReq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootReq.PublicKey, false));
        var root = rootReq.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(2));

        var interKey = RSA.Create(2048);
        var interReq = new CertificateRequest("CN=CA Kecamatan Kanigaran, " + Office, interKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        interReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        interReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        interReq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(interReq.PublicKey, false));
        interReq.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        interReq.CertificateExtensions.Add(new X509Extension("2.5.29.30", NameConstraintsDer(), critical: true));
        var inter = interReq.Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), [1, 2, 3, 4]);
        return (root, inter, interKey);
    });

    private static byte[] NameConstraintsDer()
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                using (w.PushSequence()) using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, true))) w.WriteEncodedValue(new X500DistinguishedName(Office).RawData);
                using (w.PushSequence()) w.WriteCharacterString(UniversalTagNumber.IA5String, "kanigaran.go.id", new Asn1Tag(TagClass.ContextSpecific, 1));
                using (w.PushSequence()) w.WriteCharacterString(UniversalTagNumber.IA5String, ".kanigaran.go.id", new Asn1Tag(TagClass.ContextSpecific, 2));
            }
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1)))
            {
                using (w.PushSequence()) using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, true))) w.WriteEncodedValue(new X500DistinguishedName("OU=Dicabut, " + Office).RawData);
            }
        }
        return w.Encode();
    }

    private static X509Certificate2 Leaf(string subject, string? email, string? dns)
    {
        var (_, inter, interKey) = Pki.Value;
        using var key = RSA.Create(2048);
        var req = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(inter, true, false));
        if (email is not null || dns is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            if (email is not null) san.AddEmailAddress(email);
            if (dns is not null) san.AddDnsName(dns);
            req.CertificateExtensions.Add(san.Build());
        }
        var generator = X509SignatureGenerator.CreateForRSA(interKey, RSASignaturePadding.Pkcs1);
        return req.Create(inter.SubjectName, generator, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMonths(6), RandomNumberGenerator.GetBytes(8));
    }

    public static TheoryData<string, string, string?, string?, bool> Leaves() => new()
    {
        { "inside the office", "CN=Budi Santoso, " + Office, null, null, true },
        { "another office", "CN=Budi Santoso, O=Kecamatan Lain, C=ID", null, null, false },
        { "excluded unit", "CN=Budi Santoso, OU=Dicabut, " + Office, null, null, false },
        { "office e-mail", "CN=Budi Santoso, " + Office, "budi@kanigaran.go.id", null, true },
        { "foreign e-mail", "CN=Budi Santoso, " + Office, "budi@contoh.com", null, false },
        { "office host", "CN=Budi Santoso, " + Office, null, "kantor.kanigaran.go.id", true },
        { "foreign host", "CN=Budi Santoso, " + Office, null, "www.lain.id", false },
    };

    [Theory]
    [MemberData(nameof(Leaves))]
    public void Path_check_agrees_with_openssl_verify(string what, string subject, string? email, string? dns, bool expected)
    {
        var (root, inter, _) = Pki.Value;
        using var leaf = Leaf(subject, email, dns);
        var dir = Directory.CreateTempSubdirectory("docsign-nc-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "root.pem"), root.ExportCertificatePem());
            File.WriteAllText(Path.Combine(dir, "inter.pem"), inter.ExportCertificatePem());
            File.WriteAllText(Path.Combine(dir, "leaf.pem"), leaf.ExportCertificatePem());
            var openssl = ExternalTool.Run("openssl", ["verify", "-CAfile", Path.Combine(dir, "root.pem"), "-untrusted", Path.Combine(dir, "inter.pem"), Path.Combine(dir, "leaf.pem")]);
            bool opensslAccepts = openssl.ExitCode == 0;
            var mine = PathBuilder.Build(leaf, [inter], new X509Certificate2Collection(root), DateTimeOffset.UtcNow, null);
            bool docsignAccepts = mine.Problem == PathProblem.None;

            opensslAccepts.ShouldBe(expected, $"{what}: openssl says {openssl.Output}");
            docsignAccepts.ShouldBe(opensslAccepts, $"{what}: DocSign says {mine.Problem} {mine.Message}; openssl says {openssl.Output}");
            if (!expected) mine.Message.ShouldNotBeNull().ShouldContain("name constraints");
        }
        finally { Directory.Delete(dir, true); }
    }
}
