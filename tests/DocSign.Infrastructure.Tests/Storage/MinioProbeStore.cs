using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using DocSign.Core.Ports;
using DocSign.Infrastructure;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using ObjectNotFoundException = DocSign.Core.Ports.ObjectNotFoundException;

namespace DocSign.Infrastructure.Tests.Storage;

/// <summary>
/// The object store written against the MinIO client (Minio 7.0.0) the way <see cref="DocSign.Infrastructure.Storage.S3ObjectStore"/>
/// is written against AWSSDK.S3: the same checks (key alphabet, HEAD before PUT, a conditional write, SHA-256 as
/// metadata, one deadline per call), so that the storage contract measures the client, not a different design.
/// It lives in the tests because it is the probe that decided the question (issue 19): see MinioProbeContractTests.
/// </summary>
public sealed class MinioProbeStore : IObjectStore, IDisposable
{
    private readonly IMinioClient _client;
    private readonly string _bucket;
    private readonly TimeSpan _timeout;
    private bool _bucketReady;

    public MinioProbeStore(S3StorageOptions options)
    {
        var url = new Uri(options.ServiceUrl!);
        _bucket = options.Bucket;
        _timeout = options.Timeout;
        _client = new MinioClient()
            .WithEndpoint(url.Host, url.Port)
            .WithSSL(url.Scheme == "https")
            .WithCredentials(options.AccessKey, options.SecretKey)
            .WithRegion(options.Region)
            .WithTimeout((int)options.Timeout.TotalMilliseconds)
            .Build();
    }

    public async Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        var bytes = new MemoryStream();
        await content.CopyToAsync(bytes, cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)));
        bytes.Position = 0;
        try
        {
            await EnsureBucketAsync(cancellationToken);
            if (await StatAsync(key, cancellationToken) is not null) throw new ObjectAlreadyExistsException(key);
            using var deadline = Deadline(cancellationToken);
            await _client.PutObjectAsync(new PutObjectArgs()
                .WithBucket(_bucket).WithObject(key)
                .WithStreamData(bytes).WithObjectSize(bytes.Length)
                .WithContentType("application/octet-stream")
                .WithHeaders(new Dictionary<string, string> { ["x-amz-meta-sha256"] = sha256 })
                .WithNotMatchETag("*"), deadline.Token);
            return new StoredObject(key, bytes.Length, sha256, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw new StorageUnavailableException($"MinIO put of '{key}' failed: {e.Message}", e);
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        // The client hands the body to a callback only, so it is copied out before the call returns.
        var copy = new MemoryStream();
        try
        {
            using var deadline = Deadline(cancellationToken);
            await _client.GetObjectAsync(new GetObjectArgs().WithBucket(_bucket).WithObject(key)
                .WithCallbackStream(async (body, ct) => await body.CopyToAsync(copy, ct)), deadline.Token);
        }
        catch (Exception e) when (e is Minio.Exceptions.ObjectNotFoundException or BucketNotFoundException)
        {
            throw new ObjectNotFoundException(key);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw new StorageUnavailableException($"MinIO read of '{key}' failed: {e.Message}", e);
        }
        copy.Position = 0;
        return copy;
    }

    public async Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        try
        {
            using var deadline = Deadline(cancellationToken);
            var stat = await _client.StatObjectAsync(new StatObjectArgs().WithBucket(_bucket).WithObject(key), deadline.Token);
            var sha = stat.MetaData.GetValueOrDefault("sha256");
            return new StoredObject(key, stat.Size, string.IsNullOrEmpty(sha) ? null : sha,
                new DateTimeOffset(DateTime.SpecifyKind(stat.LastModified, DateTimeKind.Utc)));
        }
        catch (Exception e) when (e is Minio.Exceptions.ObjectNotFoundException or BucketNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw new StorageUnavailableException($"MinIO stat of '{key}' failed: {e.Message}", e);
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var items = _client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(_bucket).WithPrefix(prefix).WithRecursive(true),
            cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync()) yield break;
                }
                catch (Exception e) when (e is BucketNotFoundException) { yield break; }
                catch (Exception e) when (IsUnavailable(e, cancellationToken))
                {
                    throw new StorageUnavailableException($"MinIO list of '{prefix}' failed: {e.Message}", e);
                }
                var item = items.Current;
                if (item.IsDir) continue;
                yield return new StoredObject(item.Key, (long)item.Size, null,
                    item.LastModifiedDateTime is { } m ? new DateTimeOffset(DateTime.SpecifyKind(m, DateTimeKind.Utc)) : DateTimeOffset.UtcNow);
            }
        }
        finally
        {
            await items.DisposeAsync();
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        try
        {
            using var deadline = Deadline(cancellationToken);
            await _client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_bucket).WithObject(key), deadline.Token);
        }
        catch (Exception e) when (e is Minio.Exceptions.ObjectNotFoundException or BucketNotFoundException) { }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw new StorageUnavailableException($"MinIO delete of '{key}' failed: {e.Message}", e);
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        _bucketReady = false;
        try
        {
            await EnsureBucketAsync(cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw new StorageUnavailableException($"MinIO check failed: {e.Message}", e);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady) return;
        using var deadline = Deadline(cancellationToken);
        if (!await _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(_bucket), deadline.Token))
            await _client.MakeBucketAsync(new MakeBucketArgs().WithBucket(_bucket), deadline.Token);
        _bucketReady = true;
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout);
        return cts;
    }

    private static bool IsUnavailable(Exception e, CancellationToken cancellationToken) =>
        e is not ObjectStoreException
        && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        && e is MinioException or HttpRequestException or IOException or OperationCanceledException or TimeoutException
            or System.Net.Sockets.SocketException;
}
