using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DocSign.Signing;
using DocSign.Testing.Oracles;
using DocSign.Testing.Pki;

namespace DocSign.Signing.Tests;

public class Rfc3161TimestampsFromTheTsa
{
    public Rfc3161TimestampsFromTheTsa() => PkiServices.EnsureRunning();

    [Fact]
    public async Task TheSampleTsaTokenVerifiesWithOpensslTs()
    {
        var hash = SHA256.HashData("nilai tanda tangan"u8);
        var r = await new HttpTimestampClient().GetTokenAsync(SamplePki.TsaUrl, hash, HashAlgorithmName.SHA256);
        r.TsaCertificate.Subject.ShouldContain("DocSign Sample TSA");
        var v = OpenSsl.TsVerify(r.Token, hash, SamplePki.PathOf("root-ca.pem"), SamplePki.PathOf("signing-ca.pem"));
        v.ExitCode.ShouldBe(0, v.Output);
        v.Output.ShouldContain("Verification: OK");
    }

    [Fact]
    public async Task AnUnreachableTsaFailsTheSigningClearly()
    {
        int port = FreePort();
        var e = await Should.ThrowAsync<SigningException>(() =>
            new HttpTimestampClient().GetTokenAsync(new Uri($"http://127.0.0.1:{port}/tsa"), new byte[32], HashAlgorithmName.SHA256));
        e.Code.ShouldBe(SigningErrorCode.TimestampFailed);
        e.Message.ShouldContain("tidak dapat dihubungi");
        e.Message.ShouldContain("tidak memakai jam lokal");
    }

    [Fact]
    public async Task AGarbageAnswerFailsTheSigningClearly()
    {
        using var server = new OneShotHttpServer("application/timestamp-reply", "bukan jawaban TSA"u8.ToArray());
        var e = await Should.ThrowAsync<SigningException>(() =>
            new HttpTimestampClient().GetTokenAsync(server.Url, new byte[32], HashAlgorithmName.SHA256));
        e.Code.ShouldBe(SigningErrorCode.TimestampFailed);
        e.Message.ShouldContain("ditolak");
    }

    [Fact]
    public async Task AnAnswerForAnotherRequestIsRefused()
    {
        // A genuine token from the sample TSA, but for a different hash and nonce (a replayed answer).
        var other = SHA256.HashData("dokumen lain"u8);
        var q = System.Security.Cryptography.Pkcs.Rfc3161TimestampRequest.CreateFromHash(other, HashAlgorithmName.SHA256, nonce: new byte[] { 1, 2, 3 }, requestSignerCertificates: true);
        using var http = new HttpClient();
        using var content = new ByteArrayContent(q.Encode());
        content.Headers.ContentType = new("application/timestamp-query");
        var replay = await (await http.PostAsync(SamplePki.TsaUrl, content)).Content.ReadAsByteArrayAsync();

        using var server = new OneShotHttpServer("application/timestamp-reply", replay);
        var e = await Should.ThrowAsync<SigningException>(() =>
            new HttpTimestampClient().GetTokenAsync(server.Url, SHA256.HashData("ini"u8), HashAlgorithmName.SHA256));
        e.Code.ShouldBe(SigningErrorCode.TimestampFailed);
    }

    [Fact]
    public async Task AnHttpErrorFailsTheSigning()
    {
        using var server = new OneShotHttpServer("text/plain", "down"u8.ToArray(), status: 503);
        var e = await Should.ThrowAsync<SigningException>(() =>
            new HttpTimestampClient().GetTokenAsync(server.Url, new byte[32], HashAlgorithmName.SHA256));
        e.Message.ShouldContain("HTTP 503");
    }

    internal static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int p = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return p;
    }
}

/// <summary>Answers every request with the same bytes (a misbehaving TSA).</summary>
internal sealed class OneShotHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    public Uri Url { get; }

    public OneShotHttpServer(string contentType, byte[] body, int status = 200)
    {
        int port = Rfc3161TimestampsFromTheTsa.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/tsa/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await _listener.GetContextAsync(); } catch { return; }
                ctx.Response.StatusCode = status;
                ctx.Response.ContentType = contentType;
                await ctx.Response.OutputStream.WriteAsync(body);
                ctx.Response.Close();
            }
        });
    }

    public void Dispose() { _listener.Stop(); _listener.Close(); }
}
