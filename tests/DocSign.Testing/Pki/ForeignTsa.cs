using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Testing.Pki;

/// <summary>
/// A time-stamping authority from another PKI than the sample one (as a public or national TSA would be): its own
/// root, made fresh for the test, a TSA certificate under it whose CRL is served here, and RFC 3161 answers made by
/// <c>openssl ts -reply</c> (a real, independent TSA implementation). Serves on a free loopback port until disposed:
/// <c>POST /tsa</c> (a TimeStampReq) and <c>GET /root.crl</c>. Nothing of the sample PKI trusts this root, so a
/// chain through it validates only where the root is given explicitly (<c>--trust</c>).
/// </summary>
public sealed class ForeignTsa : IDisposable
{
    private const int MaxRequest = 64 * 1024;
    private readonly HttpListener _listener = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("docsign-foreign-tsa-").FullName;
    private readonly byte[] _crl;
    private readonly SemaphoreSlim _openssl = new(1, 1);
    private readonly Task _serving;

    /// <summary>Makes the PKI and starts serving.</summary>
    public ForeignTsa()
    {
        int port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        var now = DateTimeOffset.UtcNow;

        using var rootKey = RSA.Create(2048);
        var rootReq = new CertificateRequest("CN=Otoritas Stempel Waktu Asing Root (uji), O=PKI Asing Fiktif, C=ID", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        rootReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootReq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootReq.PublicKey, false));
        using var root = rootReq.CreateSelfSigned(now.AddDays(-30), now.AddYears(5));
        Root = X509CertificateLoader.LoadCertificate(root.RawData);

        using var tsaKey = RSA.Create(2048);
        var tsaReq = new CertificateRequest("CN=TSA Asing (uji), O=PKI Asing Fiktif, C=ID", tsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        tsaReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        tsaReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        tsaReq.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        tsaReq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(tsaReq.PublicKey, false));
        tsaReq.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        tsaReq.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([new Uri(BaseUrl, "root.crl").ToString()]));
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] &= 0x7f;
        using var tsa = tsaReq.Create(root, now.AddDays(-1), now.AddYears(2), serial);
        Tsa = X509CertificateLoader.LoadCertificate(tsa.RawData);

        _crl = new CertificateRevocationListBuilder().Build(root, BigInteger.One, now.AddDays(7), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, now.AddMinutes(-5));

        RootPemPath = Path.Combine(_dir, "root.pem");
        File.WriteAllText(RootPemPath, Root.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(_dir, "tsa.pem"), Tsa.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(_dir, "chain.pem"), Tsa.ExportCertificatePem() + "\n" + Root.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(_dir, "tsa.key.pem"), tsaKey.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(Path.Combine(_dir, "serial"), "01\n");
        File.WriteAllText(Path.Combine(_dir, "tsa.cnf"), $"""
            [ tsa ]
            default_tsa = foreign
            [ foreign ]
            dir = {_dir}
            serial = $dir/serial
            crypto_device = builtin
            signer_cert = $dir/tsa.pem
            certs = $dir/chain.pem
            signer_key = $dir/tsa.key.pem
            signer_digest = sha256
            default_policy = 1.3.6.1.4.1.99999.1
            digests = sha256, sha384, sha512
            accuracy = secs:1
            ordering = no
            tsa_name = yes
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256

            """);

        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>http://127.0.0.1:PORT/ (the CRL is at root.crl).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The TSA's RFC 3161 address.</summary>
    public Uri TsaUrl => new(BaseUrl, "tsa");

    /// <summary>The foreign root: trusted by nothing unless passed explicitly.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The TSA certificate (EKU timeStamping, CRL distribution point here).</summary>
    public X509Certificate2 Tsa { get; }

    /// <summary>The root as a PEM file, for <c>--trust</c>.</summary>
    public string RootPemPath { get; }

    private int _timestamps, _crlFetches;

    /// <summary>How many time-stamp requests were answered.</summary>
    public int TimestampsIssued => Volatile.Read(ref _timestamps);

    /// <summary>How often the CRL was fetched.</summary>
    public int CrlFetches => Volatile.Read(ref _crlFetches);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => AnswerAsync(ctx));
        }
    }

    private async Task AnswerAsync(HttpListenerContext ctx)
    {
        var res = ctx.Response;
        try
        {
            var path = ctx.Request.Url?.AbsolutePath;
            if (ctx.Request.HttpMethod == "GET" && path == "/root.crl")
            {
                Interlocked.Increment(ref _crlFetches);
                res.ContentType = "application/pkix-crl";
                await res.OutputStream.WriteAsync(_crl);
            }
            else if (ctx.Request.HttpMethod == "POST" && path == "/tsa")
            {
                var query = new MemoryStream();
                var buffer = new byte[8192];
                int n;
                while ((n = await ctx.Request.InputStream.ReadAsync(buffer)) > 0)
                {
                    query.Write(buffer, 0, n);
                    if (query.Length > MaxRequest) { res.StatusCode = 413; return; }
                }
                var reply = await ReplyAsync(query.ToArray());
                if (reply is null) { res.StatusCode = 500; return; }
                Interlocked.Increment(ref _timestamps);
                res.ContentType = "application/timestamp-reply";
                await res.OutputStream.WriteAsync(reply);
            }
            else res.StatusCode = 404;
        }
        catch (Exception) { try { res.StatusCode = 500; } catch (InvalidOperationException) { } }
        finally { try { res.Close(); } catch (Exception) { } }
    }

    private async Task<byte[]?> ReplyAsync(byte[] query)
    {
        // openssl ts keeps its serial number in a file: one answer at a time.
        await _openssl.WaitAsync();
        try
        {
            string q = Path.Combine(_dir, "query.tsq"), r = Path.Combine(_dir, "reply.tsr");
            await File.WriteAllBytesAsync(q, query);
            File.Delete(r);
            var psi = new ProcessStartInfo("openssl", ["ts", "-reply", "-config", Path.Combine(_dir, "tsa.cnf"), "-queryfile", q, "-out", r])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(psi)!;
            var so = p.StandardOutput.ReadToEndAsync();
            var se = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            await Task.WhenAll(so, se);
            return p.ExitCode == 0 && File.Exists(r) ? await File.ReadAllBytesAsync(r) : null;
        }
        finally { _openssl.Release(); }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Stops serving and deletes the keys.</summary>
    public void Dispose()
    {
        try { _listener.Stop(); _listener.Close(); } catch (ObjectDisposedException) { }
        try { _serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
