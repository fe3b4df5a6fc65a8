using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Outbound;

/// <summary>
/// The HttpClient every outbound call uses (<see cref="ClientName"/> from IHttpClientFactory): no redirects,
/// no proxy, connect and total timeouts, a cap on the answer's size, and a destination check made on the
/// addresses actually connected to (the host name is resolved here, each address checked, and the socket opened
/// to a checked address), so DNS rebinding cannot slip a private address past the check.
/// </summary>
public static class OutboundHttp
{
    /// <summary>Name of the policy's client: <c>IHttpClientFactory.CreateClient(OutboundHttp.ClientName)</c>.</summary>
    public const string ClientName = "DocSign.Outbound";

    /// <summary>The sample PKI's OCSP, CRL and TSA services on loopback (allowed only with the sample PKI opted in).</summary>
    public const string SamplePkiServices = "127.0.0.1:18780-18782";

    /// <summary>Registers the policy's client.</summary>
    public static IServiceCollection AddDocSignOutboundHttp(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new CrlCache(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<IOptions<OutboundOptions>>().Value,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OutboundHttp).FullName!)))
            // Outermost, so that a CRL it keeps was read through the size limit below it.
            .AddHttpMessageHandler(sp => new CrlCachingHandler(sp.GetRequiredService<CrlCache>(), sp.GetRequiredService<IOptions<OutboundOptions>>().Value.CrlCacheMaxAge))
            .AddHttpMessageHandler(sp => new ResponseSizeLimit(sp.GetRequiredService<IOptions<OutboundOptions>>().Value.MaxResponseBytes))
            .ConfigureHttpClient((sp, c) =>
            {
                var o = sp.GetRequiredService<IOptions<OutboundOptions>>().Value;
                c.Timeout = o.Timeout;
                c.MaxResponseContentBufferSize = o.MaxResponseBytes;
            });
        return services;
    }

    /// <summary>The socket handler with the policy (also usable without DI, e.g. by tests and tools).</summary>
    public static SocketsHttpHandler CreateHandler(OutboundOptions options, ILogger logger)
    {
        var filter = new DestinationFilter(options.Allow);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = options.ConnectTimeout,
            MaxResponseHeadersLength = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, ct) =>
            {
                var endpoint = context.DnsEndPoint;
                IPAddress[] addresses = IPAddress.TryParse(endpoint.Host, out var literal)
                    ? [literal]
                    : await Dns.GetHostAddressesAsync(endpoint.Host, ct).ConfigureAwait(false);
                var allowed = addresses.Where(a => filter.IsAllowed(a, endpoint.Port)).ToList();
                if (allowed.Count == 0)
                {
                    // Logged for the operator; the caller only learns that the address could not be checked.
                    logger.LogWarning("Outbound call to {Host}:{Port} refused: no address of it is allowed ({Addresses}); see DocSign:Outbound:Allow",
                        endpoint.Host, endpoint.Port, string.Join(", ", addresses.Select(a => a.ToString())));
                    throw new HttpRequestException("outbound destination refused by policy");
                }
                Exception? last = null;
                foreach (var address in allowed)
                {
                    var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch (Exception e) when (e is SocketException or OperationCanceledException)
                    {
                        socket.Dispose();
                        last = e;
                        if (e is OperationCanceledException) throw;
                    }
                }
                throw new HttpRequestException("outbound connection failed", last);
            },
        };
    }

    /// <summary>Refuses answers that announce, or turn out to have, more bytes than allowed.</summary>
    private sealed class ResponseSizeLimit(long max) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > max)
            {
                response.Dispose();
                throw new HttpRequestException("outbound answer larger than allowed");
            }
            var inner = response.Content;
            var limited = new StreamContent(new LimitedStream(await inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), max));
            foreach (var h in inner.Headers) limited.Headers.TryAddWithoutValidation(h.Key, h.Value);
            response.Content = limited;
            return response;
        }
    }

    private sealed class LimitedStream(Stream inner, long max) : Stream
    {
        private long _read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }

        private int Count(int n)
        {
            _read += n;
            if (_read > max) throw new IOException("outbound answer larger than allowed");
            return n;
        }
    }
}
