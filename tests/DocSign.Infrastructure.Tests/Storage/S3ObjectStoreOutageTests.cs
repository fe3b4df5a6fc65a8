using DocSign.Core.Ports;
using DocSign.Infrastructure.Storage;
using DocSign.Testing.Services;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocSign.Infrastructure.Tests.Storage;

/// <summary>A store speaking S3 when its server is down or hung. Its own s3rver, because these tests stop it.</summary>
public abstract class S3StoreOutageContract : IAsyncLifetime
{
    // Generous bound: the store is configured to give up within seconds; this only stops a hang from hanging the run.
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(45);

    private S3rverServer _server = null!;
    private IObjectStore _store = null!;

    protected abstract IObjectStore Create(S3StorageOptions options);

    public async Task InitializeAsync()
    {
        _server = await S3rverServer.StartAsync();
        _store = Create(new S3StorageOptions
        {
            ServiceUrl = _server.ServiceUrl,
            AccessKey = S3rverServer.AccessKey,
            SecretKey = S3rverServer.SecretKey,
            Bucket = "outage",
            Timeout = TimeSpan.FromSeconds(3),
        });
    }

    public async Task DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task While_the_server_is_down_every_call_fails_as_unavailable_and_after_restart_earlier_objects_are_intact()
    {
        var before = "%PDF-1.7 before the outage"u8.ToArray();
        await _store.PutAsync("documents/x/before.pdf", new MemoryStream(before));

        await _server.StopAsync();
        using (var limit = new CancellationTokenSource(HangLimit))
        {
            await Should.ThrowAsync<StorageUnavailableException>(() => _store.PutAsync("documents/x/during.pdf", new MemoryStream([1, 2, 3]), limit.Token));
            await Should.ThrowAsync<StorageUnavailableException>(() => _store.OpenReadAsync("documents/x/before.pdf", limit.Token));
            await Should.ThrowAsync<StorageUnavailableException>(() => _store.StatAsync("documents/x/before.pdf", limit.Token));
            await Should.ThrowAsync<StorageUnavailableException>(() => _store.CheckAsync(limit.Token));
        }

        await _server.StartAsync(default);
        var after = "%PDF-1.7 after the outage"u8.ToArray();
        await _store.PutAsync("documents/x/after.pdf", new MemoryStream(after));
        (await _store.StatAsync("documents/x/during.pdf")).ShouldBeNull();
        await using var read = await _store.OpenReadAsync("documents/x/before.pdf");
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        copy.ToArray().ShouldBe(before);
    }

    [Fact]
    public async Task A_server_that_accepts_connections_but_never_answers_fails_as_unavailable()
    {
        // A hung server (not a refused connection): accepts TCP and then says nothing.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var held = new List<System.Net.Sockets.Socket>();
        var accepting = Task.Run(async () =>
        {
            try { while (true) held.Add(await listener.AcceptSocketAsync()); }
            catch (Exception) { /* listener stopped */ }
        });
        try
        {
            var store = Create(new S3StorageOptions
            {
                ServiceUrl = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}",
                AccessKey = S3rverServer.AccessKey,
                SecretKey = S3rverServer.SecretKey,
                Bucket = "hung",
                Timeout = TimeSpan.FromSeconds(2),
                MaxErrorRetry = 0,
            });
            using var disposable = store as IDisposable;
            using var limit = new CancellationTokenSource(HangLimit);

            await Should.ThrowAsync<StorageUnavailableException>(() => store.PutAsync("documents/h/x.pdf", new MemoryStream([1, 2, 3]), limit.Token));
            limit.IsCancellationRequested.ShouldBeFalse();
        }
        finally
        {
            listener.Stop();
            await accepting;
            foreach (var socket in held) socket.Dispose();
        }
    }
}

public sealed class S3ObjectStoreOutageTests : S3StoreOutageContract
{
    protected override IObjectStore Create(S3StorageOptions options) => new S3ObjectStore(options, NullLogger<S3ObjectStore>.Instance);
}
