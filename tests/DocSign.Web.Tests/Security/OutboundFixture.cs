using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DocSign.Testing.Attacks;
using DocSign.Testing.SamplePdfs;
using DocSign.Web.Tests.Api;

namespace DocSign.Web.Tests.Security;

/// <summary>
/// A host that trusts only a root made by this fixture, and small HTTP listeners that count every connection
/// they get: certificates name them as OCSP/CRL addresses, so a test sees exactly which addresses the service calls.
/// </summary>
public sealed class OutboundFixture : ApiFixture
{
    private readonly string _pki = DocSign.Testing.Services.TestEnvironment.NewTempDirectory("pki");
    private X509Certificate2 _root = null!;
    private X509Certificate2 _otherRoot = null!;

    /// <summary>Allow-listed; answers every request with a redirect to <see cref="Target"/>.</summary>
    public CountingListener Redirector { get; } = new();
    /// <summary>Allow-listed; the redirect's target.</summary>
    public CountingListener Target { get; } = new();
    /// <summary>Named by certificates of untrusted or broken chains.</summary>
    public CountingListener Untrusted { get; } = new();
    /// <summary>On loopback but not allow-listed.</summary>
    public CountingListener NotListed { get; } = new();

    protected override Task<Dictionary<string, string?>> SettingsAsync()
    {
        _root = MakeCa("Root Uji Keluar");
        _otherRoot = MakeCa("Root Lain Tidak Dipercaya");
        File.WriteAllText(Path.Combine(_pki, "root.pem"), _root.ExportCertificatePem());
        Redirector.Start(_ => $"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{Target.Port}/next\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        Target.Start(_ => "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        Untrusted.Start(_ => "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        NotListed.Start(_ => "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return Task.FromResult(new Dictionary<string, string?>
        {
            ["DocSign:Database:Provider"] = "Sqlite",
            ["DocSign:Storage:Kind"] = "FileSystem",
        });
    }

    protected override void Adjust(Dictionary<string, string?> settings)
    {
        settings["DocSign:Verification:TrustAnchors:0"] = Path.Combine(_pki, "root.pem");
        settings["DocSign:Outbound:Allow:0"] = $"127.0.0.1:{Redirector.Port}";
        settings["DocSign:Outbound:Allow:1"] = $"127.0.0.1:{Target.Port}";
        settings["DocSign:Verification:OnlineTimeout"] = "00:00:03";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var l in new[] { Redirector, Target, Untrusted, NotListed }) l.Dispose();
    }

    public enum Chain { Trusted, UntrustedRoot, Broken }

    /// <summary>A signed PDF whose signer certificate names <paramref name="revocationBase"/> for OCSP and CRL.</summary>
    public async Task<byte[]> SignedPdfAsync(Chain chain, string revocationBase)
    {
        var issuer = chain == Chain.UntrustedRoot ? _otherRoot : _root;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Penanda Tangan Uji {Guid.NewGuid():N}, O=Uji", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([revocationBase + "/ocsp"], null));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([revocationBase + "/crl"]));
        if (chain == Chain.Broken)
            request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.99999.1", new byte[] { 0x05, 0x00 }, critical: true));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var leaf = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), serial).CopyWithPrivateKey(key);
        var p12 = Path.Combine(_pki, $"signer-{Guid.NewGuid():N}");
        var bundle = new X509Certificate2Collection { leaf, X509CertificateLoader.LoadCertificate(issuer.RawData) };
        File.WriteAllBytes(p12 + ".p12", bundle.Export(X509ContentType.Pkcs12, DocSign.Testing.Pki.SamplePki.Passphrase)!);
        // TestSigner resolves a signer name inside certs-sample; an absolute path (without .p12) names this file instead.
        return await TestSigner.SignAsync(SamplePdfs.OnePage("uji panggilan keluar"), new TestSignOptions { Signer = p12 });
    }

    private static X509Certificate2 MakeCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=Uji", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(2));
    }
}

/// <summary>A loopback TCP listener that counts connections and answers each with a fixed HTTP response.</summary>
public sealed class CountingListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private int _connections;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public int Connections => Volatile.Read(ref _connections);

    public void Start(Func<string, string> answer)
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); }
                catch (Exception) { return; }
                Interlocked.Increment(ref _connections);
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            var stream = client.GetStream();
                            var buffer = new byte[8192];
                            var read = await stream.ReadAsync(buffer);
                            var bytes = Encoding.ASCII.GetBytes(answer(Encoding.ASCII.GetString(buffer, 0, read)));
                            await stream.WriteAsync(bytes);
                        }
                        catch (Exception) { }
                    }
                });
            }
        });
    }

    public void Dispose() => _listener.Stop();
}
