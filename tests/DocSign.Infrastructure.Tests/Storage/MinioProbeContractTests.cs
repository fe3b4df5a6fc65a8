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
public sealed class MinioProbeContractTests(S3rverFixture s3) : S3StoreContract(s3, "minio")
{
    protected override IObjectStore Create(S3StorageOptions options) => new MinioProbeStore(options);

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
    public override Task Listing_a_bucket_of_more_than_a_thousand_objects_returns_every_one_across_pages() =>
        base.Listing_a_bucket_of_more_than_a_thousand_objects_returns_every_one_across_pages();
}

/// <summary>The outage half of the contract through the MinIO client.</summary>
public sealed class MinioProbeOutageTests : S3StoreOutageContract
{
    protected override IObjectStore Create(S3StorageOptions options) => new MinioProbeStore(options);
}
