using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Signing.Tests;

/// <summary>A test token with a self-made ECDSA key (no file), to show the token shape is not tied to RSA or PKCS#12.</summary>
internal sealed class InMemoryToken : ISigningToken, IDisposable
{
    private readonly ECDsa _key;
    private InMemoryToken(ECDsa key, X509Certificate2 cert) { _key = key; Certificate = cert; }
    public X509Certificate2 Certificate { get; }
    public IReadOnlyList<X509Certificate2> Chain => [];

    public static InMemoryToken CreateEcdsa()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=Uji ECDSA / NIP 199001012020121001", key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        var cert = req.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return new InMemoryToken(key, X509CertificateLoader.LoadCertificate(cert.RawData));
    }

    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, HashAlgorithmName hash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_key.SignData(data.Span, hash, DSASignatureFormat.Rfc3279DerSequence));

    public void Dispose() => _key.Dispose();
}
