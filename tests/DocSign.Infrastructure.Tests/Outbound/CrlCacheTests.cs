using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Infrastructure.Outbound;
using DocSign.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Tests.Outbound;

/// <summary>
/// The CRL cache behind the outbound client, through the client as the service builds it (DI, the destination
/// policy, the size limit) against a real HTTP server on loopback that counts what reaches it, on a fake clock.
/// </summary>
public sealed class CrlCacheTests : IDisposable
{
    private readonly FakeClock _clock = FakeClock.Default();
    private readonly CrlServer _server = new();
    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _ca;

    public CrlCacheTests()
    {
        var request = new CertificateRequest("CN=Cache Test CA", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(_clock.GetUtcNow().AddYears(-1), _clock.GetUtcNow().AddYears(5));
    }

    public void Dispose()
    {
        _server.Dispose();
        _ca.Dispose();
        _caKey.Dispose();
    }

    [Fact]
    public async Task A_second_fetch_within_the_CRLs_validity_makes_no_new_request()
    {
        var crl = Crl(nextUpdate: TimeSpan.FromDays(7));
        _server.Serve("/crl/ca.crl", crl);
        using var provider = Services(TimeSpan.FromHours(1));
        var http = Client(provider);

        (await http.GetByteArrayAsync(_server.Url("/crl/ca.crl"))).ShouldBe(crl);
        _clock.Advance(TimeSpan.FromMinutes(59));
        (await http.GetByteArrayAsync(_server.Url("/crl/ca.crl"))).ShouldBe(crl);

        _server.Hits("/crl/ca.crl").ShouldBe(1);
    }

    [Fact]
    public async Task An_entry_past_the_maximum_age_is_fetched_again()
    {
        _server.Serve("/crl/ca.crl", Crl(nextUpdate: TimeSpan.FromDays(7)));
        using var provider = Services(TimeSpan.FromHours(1));
        var http = Client(provider);

        await http.GetByteArrayAsync(_server.Url("/crl/ca.crl"));
        _clock.Advance(TimeSpan.FromMinutes(61));
        await http.GetByteArrayAsync(_server.Url("/crl/ca.crl"));

        _server.Hits("/crl/ca.crl").ShouldBe(2);
    }

    [Fact]
    public async Task An_entry_past_the_CRLs_nextUpdate_is_fetched_again_and_the_new_CRL_is_answered()
    {
        var first = Crl(nextUpdate: TimeSpan.FromMinutes(10));
        _server.Serve("/crl/ca.crl", first);
        using var provider = Services(TimeSpan.FromHours(1));
        var http = Client(provider);

        await http.GetByteArrayAsync(_server.Url("/crl/ca.crl"));
        _clock.Advance(TimeSpan.FromMinutes(11));
        var second = Crl(nextUpdate: TimeSpan.FromMinutes(10), number: 2);
        _server.Serve("/crl/ca.crl", second);

        (await http.GetByteArrayAsync(_server.Url("/crl/ca.crl"))).ShouldBe(second);
        _server.Hits("/crl/ca.crl").ShouldBe(2);
    }

    [Fact]
    public async Task What_is_not_a_current_CRL_is_never_kept()
    {
        _server.Serve("/ca/ca.cer", _ca.RawData);
        _server.Serve("/crl/stale.crl", Crl(nextUpdate: TimeSpan.FromMinutes(-1), thisUpdate: TimeSpan.FromDays(-8)));
        _server.Serve("/crl/missing.crl", null);
        using var provider = Services(TimeSpan.FromHours(1));
        var http = Client(provider);

        for (var i = 0; i < 2; i++)
        {
            await http.GetByteArrayAsync(_server.Url("/ca/ca.cer"));
            await http.GetByteArrayAsync(_server.Url("/crl/stale.crl"));
            (await http.GetAsync(_server.Url("/crl/missing.crl"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        _server.Hits("/ca/ca.cer").ShouldBe(2);
        _server.Hits("/crl/stale.crl").ShouldBe(2);
        _server.Hits("/crl/missing.crl").ShouldBe(2);
        provider.GetRequiredService<CrlCache>().Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_zero_maximum_age_turns_the_cache_off()
    {
        _server.Serve("/crl/ca.crl", Crl(nextUpdate: TimeSpan.FromDays(7)));
        using var provider = Services(TimeSpan.Zero);
        var http = Client(provider);

        await http.GetByteArrayAsync(_server.Url("/crl/ca.crl"));
        await http.GetByteArrayAsync(_server.Url("/crl/ca.crl"));

        _server.Hits("/crl/ca.crl").ShouldBe(2);
    }

    [Fact]
    public void The_cache_is_bounded_and_makes_room_by_dropping_the_entry_closest_to_expiry()
    {
        var cache = new CrlCache(_clock, maxEntries: 2);
        cache.Store("http://a/1.crl", Crl(nextUpdate: TimeSpan.FromMinutes(5)), TimeSpan.FromHours(1)).ShouldBeTrue();
        cache.Store("http://a/2.crl", Crl(nextUpdate: TimeSpan.FromMinutes(50)), TimeSpan.FromHours(1)).ShouldBeTrue();
        cache.Store("http://a/3.crl", Crl(nextUpdate: TimeSpan.FromMinutes(30)), TimeSpan.FromHours(1)).ShouldBeTrue();

        cache.Count.ShouldBe(2);
        cache.TryGet("http://a/1.crl").ShouldBeNull();
        cache.TryGet("http://a/2.crl").ShouldNotBeNull();
        cache.TryGet("http://a/3.crl").ShouldNotBeNull();
    }

    [Fact]
    public void A_CRL_larger_than_an_entry_may_be_is_not_kept()
    {
        var crl = Crl(nextUpdate: TimeSpan.FromDays(1));
        var cache = new CrlCache(_clock, maxEntryBytes: crl.Length - 1);
        cache.Store("http://a/big.crl", crl, TimeSpan.FromHours(1)).ShouldBeFalse();
        cache.TryGet("http://a/big.crl").ShouldBeNull();
    }

    [Fact]
    public void NextUpdate_is_read_from_the_CRL_and_garbage_has_none()
    {
        var crl = Crl(nextUpdate: TimeSpan.FromDays(3));
        CrlCache.NextUpdate(crl).ShouldBe(TruncateToSeconds(_clock.GetUtcNow().AddDays(3)));
        CrlCache.NextUpdate(_ca.RawData).ShouldBeNull();
        CrlCache.NextUpdate([0x30, 0x03, 0x02, 0x01]).ShouldBeNull();
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private byte[] Crl(TimeSpan nextUpdate, TimeSpan? thisUpdate = null, int number = 1)
    {
        var builder = new CertificateRevocationListBuilder();
        builder.AddEntry([0x01, 0x23], _clock.GetUtcNow().AddDays(-30));
        var now = _clock.GetUtcNow();
        return builder.Build(_ca, new BigInteger(number), now + nextUpdate, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, now + (thisUpdate ?? TimeSpan.Zero));
    }

    private ServiceProvider Services(TimeSpan maxAge)
    {
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(_clock);
        services.Configure<OutboundOptions>(o =>
        {
            o.Allow.Add("127.0.0.1:" + _server.Port);
            o.CrlCacheMaxAge = maxAge;
        });
        services.AddDocSignOutboundHttp();
        return services.BuildServiceProvider();
    }

    private static HttpClient Client(IServiceProvider provider) =>
        provider.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttp.ClientName);

    /// <summary>A real HTTP server on a free loopback port that answers configured paths and counts requests.</summary>
    private sealed class CrlServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Dictionary<string, byte[]?> _bodies = new();
        private readonly Dictionary<string, int> _hits = new();
        private readonly Lock _lock = new();

        public int Port { get; }

        public CrlServer()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

        public void Serve(string path, byte[]? body) { lock (_lock) _bodies[path] = body; }

        public int Hits(string path) { lock (_lock) return _hits.GetValueOrDefault(path); }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                var path = context.Request.Url!.AbsolutePath;
                byte[]? body;
                lock (_lock)
                {
                    _hits[path] = _hits.GetValueOrDefault(path) + 1;
                    body = _bodies.GetValueOrDefault(path);
                }
                if (body is null) context.Response.StatusCode = 404;
                else
                {
                    context.Response.ContentType = "application/pkix-crl";
                    context.Response.ContentLength64 = body.Length;
                    await context.Response.OutputStream.WriteAsync(body);
                }
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
