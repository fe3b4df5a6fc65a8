using DocSign.Core.Ports;
using DocSign.Testing.Services;

namespace DocSign.Infrastructure.Tests.Storage;

/// <summary>
/// The storage contract run against the MinIO client (Minio 7.0.0, <see cref="MinioProbeStore"/>) on the same s3rver as
/// the AWSSDK.S3 store. This is the measurement behind the README's "Dependencies": what fails here is why DocSign's
/// store still speaks through AWSSDK.S3. Measured 8 Dec 2026 (Minio 7.0.0, s3rver 3.7.1, Node 20): every per-object
/// guarantee holds (byte-exact, write-once, SHA-256 metadata, a deadline per call, unavailable within seconds when the
/// server is down or hung); listing does not, so the two listing tests are kept as evidence, skipped with the reason.
/// </summary>
public sealed class MinioProbeContractTests(S3rverFixture s3) : ObjectStoreContract, IClassFixture<S3rverFixture>
{
    private readonly string _bucket = $"minio-{Guid.NewGuid():N}"[..30];

    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new MinioProbeStore(s3.Options(_bucket)));

    [Fact]
    public async Task The_server_stores_the_plain_bytes()
    {
        var bytes = new byte[100_000];
        new Random(3).NextBytes(bytes);
        var key = NewKey();

        await Store.PutAsync(key, new MemoryStream(bytes));

        File.ReadAllBytes(s3.Server.RawObjectPath(_bucket, key)).ShouldBe(bytes);
    }

    private const string EmptyListing =
        "Minio 7.0.0 reads list results only in the XML namespace http://s3.amazonaws.com/doc/2006-03-01/; s3rver 3.7.1 " +
        "answers in http://doc.s3.amazonaws.com/2006-03-01/, so ListObjectsEnumAsync returns NO objects, silently " +
        "(measured: [] for a prefix holding two). The backup and the orphan sweep list the bucket: DocSign keeps AWSSDK.S3.";

    [Fact(Skip = EmptyListing)]
    public override Task Listing_returns_exactly_the_objects_under_the_prefix() => base.Listing_returns_exactly_the_objects_under_the_prefix();

    [Fact(Skip = "Minio 7.0.0 pages ListObjectsV2 by continuation token only: s3rver 3.7.1 makes that token with DES, which " +
                 "Node's OpenSSL 3 refuses, so a bucket over 1,000 objects fails with 'We encountered an internal error' " +
                 "(measured); the client's v1 mode never asks for a second page (it stops when no continuation token comes). " +
                 "The AWSSDK.S3 store pages with ListObjects v1 and a marker instead.")]
    public async Task Listing_a_bucket_of_more_than_a_thousand_objects_returns_every_one_across_pages()
    {
        var first = NewKey("first.pdf");
        await Store.PutAsync(first, new MemoryStream([1]));
        var seeded = Enumerable.Range(0, 1205).Select(i => $"documents/bulk/{i:D4}.pdf").ToList();
        foreach (var key in seeded) s3.Server.WriteRawObject(_bucket, key, [1, 2]);

        var listed = new List<StoredObject>();
        await foreach (var o in Store.ListAsync("")) listed.Add(o);

        listed.Select(o => o.Key).ShouldBe(seeded.Append(first).Order(StringComparer.Ordinal).ToList());
    }
}

/// <summary>The outage half of the contract through the MinIO client: its own s3rver, because these tests stop it.</summary>
public sealed class MinioProbeOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(45);
    private S3rverServer _server = null!;
    private MinioProbeStore _store = null!;

    public async Task InitializeAsync()
    {
        _server = await S3rverServer.StartAsync();
        _store = new MinioProbeStore(new S3StorageOptions
        {
            ServiceUrl = _server.ServiceUrl, AccessKey = S3rverServer.AccessKey, SecretKey = S3rverServer.SecretKey,
            Bucket = "outage", Timeout = TimeSpan.FromSeconds(3),
        });
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
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
        await _store.PutAsync("documents/x/after.pdf", new MemoryStream("%PDF-1.7 after"u8.ToArray()));
        (await _store.StatAsync("documents/x/during.pdf")).ShouldBeNull();
        await using var read = await _store.OpenReadAsync("documents/x/before.pdf");
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        copy.ToArray().ShouldBe(before);
    }

    [Fact]
    public async Task A_server_that_accepts_connections_but_never_answers_fails_as_unavailable()
    {
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
            using var store = new MinioProbeStore(new S3StorageOptions
            {
                ServiceUrl = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}",
                AccessKey = S3rverServer.AccessKey, SecretKey = S3rverServer.SecretKey, Bucket = "hung", Timeout = TimeSpan.FromSeconds(2),
            });
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
