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
    public async Task TwelveTimestampsAskedAtOnceAreAllValidWithDistinctSerials()
    {
        // Twenty Camats signing at once each ask for two timestamps: the sample TSA answers them side by side, and
        // every token must still verify and carry a serial of its own (RFC 3161 §2.4.2: unique per TSA).
        var hashes = Enumerable.Range(0, 12).Select(i => SHA256.HashData(BitConverter.GetBytes(i))).ToList();
        var client = new HttpTimestampClient();
        var tokens = await Task.WhenAll(hashes.Select(h => client.GetTokenAsync(SamplePki.TsaUrl, h, HashAlgorithmName.SHA256)));
        var serials = new HashSet<string>();
        for (var i = 0; i < tokens.Length; i++)
        {
            System.Security.Cryptography.Pkcs.Rfc3161TimestampToken.TryDecode(tokens[i].Token, out var token, out _).ShouldBeTrue();
            serials.Add(Convert.ToHexString(token!.TokenInfo.GetSerialNumber().Span));
            var v = OpenSsl.TsVerify(tokens[i].Token, hashes[i], SamplePki.PathOf("root-ca.pem"), SamplePki.PathOf("signing-ca.pem"));
            v.ExitCode.ShouldBe(0, v.Output);
        }
        serials.Count.ShouldBe(tokens.Length);
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
    public async Task A_connection_dropped_before_any_answer_is_asked_once_more_and_the_token_is_valid()
    {
        using var tsa = new DropFirstThenForward(new IPEndPoint(IPAddress.Loopback, 18782));
        var hash = SHA256.HashData("LKjIP"u8);
        var result = await new HttpTimestampClient().GetTokenAsync(tsa.Url, hash, HashAlgorithmName.SHA256);
        tsa.Connections.ShouldBe(2);
        var v = OpenSsl.TsVerify(result.Token, hash, SamplePki.PathOf("root-ca.pem"), SamplePki.PathOf("signing-ca.pem"));
        v.ExitCode.ShouldBe(0, v.Output);
    }

    [Fact]
    public async Task A_connection_dropped_twice_is_asked_a_third_time_and_the_token_is_valid()
    {
        using var tsa = new DropFirstThenForward(new IPEndPoint(IPAddress.Loopback, 18782), drops: 2);
        var hash = SHA256.HashData("LKjIP dua kali"u8);
        var result = await new HttpTimestampClient().GetTokenAsync(tsa.Url, hash, HashAlgorithmName.SHA256);
        tsa.Connections.ShouldBe(3);
        OpenSsl.TsVerify(result.Token, hash, SamplePki.PathOf("root-ca.pem"), SamplePki.PathOf("signing-ca.pem")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task A_connection_dropped_three_times_fails_the_signing_clearly()
    {
        using var tsa = new DropFirstThenForward(new IPEndPoint(IPAddress.Loopback, 18782), drops: 3);
        var e = await Should.ThrowAsync<SigningException>(() =>
            new HttpTimestampClient().GetTokenAsync(tsa.Url, new byte[32], HashAlgorithmName.SHA256));
        e.Code.ShouldBe(SigningErrorCode.TimestampFailed);
        e.Message.ShouldContain("tidak dapat dihubungi");
        tsa.Connections.ShouldBe(3);
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

/// <summary>Answers every request with the same bytes (a misbehaving TSA). Plain TCP on port 0: no port race.</summary>
internal sealed class OneShotHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    public Uri Url { get; }

    public OneShotHttpServer(string contentType, byte[] body, int status = 200)
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/tsa");
        var head = System.Text.Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} X\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); } catch { return; }
                using (client)
                {
                    var s = client.GetStream();
                    await ReadRequestAsync(s);
                    await s.WriteAsync(head);
                    await s.WriteAsync(body);
                }
            }
        });
    }

    /// <summary>Reads headers and the Content-Length body so the client is not cut off mid-send.</summary>
    private static async Task ReadRequestAsync(NetworkStream s)
    {
        var buf = new List<byte>();
        var one = new byte[1];
        while (await s.ReadAsync(one) == 1)
        {
            buf.Add(one[0]);
            if (buf.Count >= 4 && buf[^1] == '\n' && buf[^2] == '\r' && buf[^3] == '\n' && buf[^4] == '\r') break;
        }
        var headers = System.Text.Encoding.ASCII.GetString(buf.ToArray());
        var m = System.Text.RegularExpressions.Regex.Match(headers, @"Content-Length:\s*(\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        int left = m.Success ? int.Parse(m.Groups[1].Value) : 0;
        var body = new byte[4096];
        while (left > 0)
        {
            int n = await s.ReadAsync(body.AsMemory(0, Math.Min(body.Length, left)));
            if (n == 0) break;
            left -= n;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}

/// <summary>
/// A TSA address whose first <c>drops</c> connections are closed after the request arrives, without an answer (as a
/// loaded TSA was seen to do); later connections are passed through to the sample TSA.
/// </summary>
internal sealed class DropFirstThenForward : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly int _drops;
    private int _connections;

    public DropFirstThenForward(IPEndPoint target, int drops = 1)
    {
        _target = target;
        _drops = drops;
        PkiServices.EnsureRunning();
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/tsa");
    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(); }
            catch (Exception) { return; }
            var n = Interlocked.Increment(ref _connections);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var stream = client.GetStream();
                    if (n <= _drops)
                    {
                        await stream.ReadAsync(new byte[4096]);   // the request's first bytes, then nothing back
                        client.Client.LingerState = new LingerOption(true, 0);
                        return;
                    }
                    using var upstream = new TcpClient();
                    await upstream.ConnectAsync(_target);
                    var up = upstream.GetStream();
                    var toTsa = stream.CopyToAsync(up);
                    await up.CopyToAsync(stream);
                }
            });
        }
    }

    public void Dispose() => _listener.Stop();
}
