using Amazon.Runtime;
using Amazon.S3;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Storage;
using DocSign.Testing.Services;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocSign.Infrastructure.Tests.Storage;

/// <summary>One s3rver for the whole class; every test gets a bucket of its own that the store has to create.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public S3rverServer Server { get; private set; } = null!;
    public async Task InitializeAsync() => Server = await S3rverServer.StartAsync();
    public async Task DisposeAsync() => await Server.DisposeAsync();

    public S3StorageOptions Options(string bucket) => new()
    {
        ServiceUrl = Server.ServiceUrl,
        AccessKey = S3rverServer.AccessKey,
        SecretKey = S3rverServer.SecretKey,
        Bucket = bucket,
        Timeout = TimeSpan.FromSeconds(5),
    };
}

/// <summary>
/// The storage contract for a store speaking S3 to a real s3rver, plus what only S3 can get wrong: the bytes on the
/// server's disk and listing across pages. Each test gets a bucket of its own that the store has to create.
/// </summary>
public abstract class S3StoreContract(S3rverFixture s3, string bucketPrefix) : ObjectStoreContract, IClassFixture<S3rverFixture>
{
    protected readonly string Bucket = $"{bucketPrefix}-{Guid.NewGuid():N}"[..30];

    protected S3rverFixture S3 => s3;

    protected abstract IObjectStore Create(S3StorageOptions options);

    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult(Create(s3.Options(Bucket)));

    [Fact]
    public async Task The_server_stores_the_plain_bytes_not_an_aws_chunked_body()
    {
        var bytes = new byte[100_000];
        new Random(3).NextBytes(bytes);
        var key = NewKey();

        await Store.PutAsync(key, new MemoryStream(bytes));

        File.ReadAllBytes(s3.Server.RawObjectPath(Bucket, key)).ShouldBe(bytes);
    }

    [Fact]
    public virtual async Task Listing_a_bucket_of_more_than_a_thousand_objects_returns_every_one_across_pages()
    {
        // S3 answers at most 1,000 keys a page; the soak's bucket (and any real one) has more. s3rver's ListObjectsV2
        // answered the first truncated page with "internal error" (its continuation token needs DES, which Node's
        // OpenSSL 3 refuses), which is how the backup during the soak failed.
        var first = NewKey("first.pdf");
        await Store.PutAsync(first, new MemoryStream([1])); // the store makes the bucket
        var seeded = Enumerable.Range(0, 1205).Select(i => $"documents/bulk/{i:D4}.pdf").ToList();
        foreach (var key in seeded) s3.Server.WriteRawObject(Bucket, key, [(byte)(key.Length % 7), 2]);

        var listed = new List<StoredObject>();
        await foreach (var o in Store.ListAsync("")) listed.Add(o);

        listed.Select(o => o.Key).ShouldBe(seeded.Append(first).Order(StringComparer.Ordinal).ToList());
        listed.ShouldAllBe(o => o.Key == first || o.Size == 2);
    }
}

public sealed class S3ObjectStoreContractTests(S3rverFixture s3) : S3StoreContract(s3, "docsign")
{
    protected override IObjectStore Create(S3StorageOptions options) => new S3ObjectStore(options, NullLogger<S3ObjectStore>.Instance);

    [Fact]
    public async Task The_sha256_is_object_metadata_that_any_S3_client_sees()
    {
        var bytes = "%PDF-1.7 metadata"u8.ToArray();
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(bytes));

        using var client = new AmazonS3Client(new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey),
            new AmazonS3Config { ServiceURL = S3.Server.ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var meta = await client.GetObjectMetadataAsync(Bucket, key);

        meta.Metadata["x-amz-meta-sha256"].ShouldBe(Sha256Hex(bytes));
    }
}
