using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DocSign.Core.Ports;
using Microsoft.Extensions.Logging;

namespace DocSign.Infrastructure.Storage;

/// <summary>
/// Object store on any S3 server (MinIO in production, s3rver in tests) through AWSSDK.S3.
/// Bodies are sent plain (no aws-chunked encoding, which some servers store verbatim) with a Content-MD5
/// the server checks, and the SHA-256 as object metadata (<c>x-amz-meta-sha256</c>).
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    public const string Sha256MetadataKey = "sha256";

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly TimeSpan _timeout;
    private readonly double _minUploadBytesPerSecond;
    private readonly ILogger<S3ObjectStore> _logger;
    private readonly SemaphoreSlim _bucketLock = new(1, 1);
    private volatile bool _bucketReady;

    public S3ObjectStore(S3StorageOptions options, ILogger<S3ObjectStore> logger)
    {
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
            throw new InvalidOperationException("DocSign:Storage:S3:ServiceUrl is required when DocSign:Storage:Kind is S3.");
        _bucket = options.Bucket;
        _logger = logger;
        _timeout = options.Timeout;
        _minUploadBytesPerSecond = Math.Max(1024, options.MinUploadBytesPerSecond);
        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
            // The HTTP timeout covers a whole request, body included, so it cannot be short for 200 MB uploads;
            // each call gets its own deadline instead (see Deadline), and a dead server fails at connect.
            Timeout = TimeSpan.FromHours(1),
            ConnectTimeout = options.Timeout < TimeSpan.FromSeconds(3) ? options.Timeout : TimeSpan.FromSeconds(3),
            MaxErrorRetry = options.MaxErrorRetry,
            RetryMode = RequestRetryMode.Standard,
            // Only what the operation needs: the flexible-checksum trailers of v4 are not understood by every S3 server.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        var credentials = new BasicAWSCredentials(options.AccessKey ?? "", options.SecretKey ?? "");
        _client = new AmazonS3Client(credentials, config);
    }

    public async Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        await EnsureBucketAsync(cancellationToken);

        // The hash must be known before the request starts (it travels in headers), so a non-seekable
        // stream is spooled to a temporary file first; uploads from the web layer are already spooled.
        FileStream? spool = null;
        try
        {
            if (!content.CanSeek)
            {
                spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920,
                    FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await content.CopyToAsync(spool, cancellationToken);
                content = spool;
                content.Position = 0;
            }
            var start = content.Position;
            var (sha256, md5, size) = await HashAsync(content, cancellationToken);
            content.Position = start;

            if (await ExistsAsync(key, cancellationToken)) throw new ObjectAlreadyExistsException(key);
            using var deadline = Deadline(cancellationToken, size);

            var request = new PutObjectRequest
            {
                BucketName = _bucket,
                Key = key,
                InputStream = content,
                AutoCloseStream = false,
                AutoResetStreamPosition = false,
                UseChunkEncoding = false,
                MD5Digest = Convert.ToBase64String(md5),
                ContentType = "application/octet-stream",
                // Refused by servers that honour conditional writes (S3, MinIO) if the key appeared meanwhile.
                IfNoneMatch = "*",
            };
            request.Metadata[Sha256MetadataKey] = sha256;
            try
            {
                await _client.PutObjectAsync(request, deadline.Token);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                throw new ObjectAlreadyExistsException(key);
            }
            return new StoredObject(key, size, sha256, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw Unavailable("put", key, e);
        }
        finally
        {
            if (spool is not null) await spool.DisposeAsync();
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        try
        {
            using var deadline = Deadline(cancellationToken);
            var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, deadline.Token);
            return new ResponseStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(key);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw Unavailable("read", key, e);
        }
    }

    public async Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        try
        {
            using var deadline = Deadline(cancellationToken);
            var meta = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, deadline.Token);
            var sha = meta.Metadata[Sha256MetadataKey];
            return new StoredObject(key, meta.ContentLength, string.IsNullOrEmpty(sha) ? null : sha,
                new DateTimeOffset(DateTime.SpecifyKind(meta.LastModified ?? DateTime.UtcNow, DateTimeKind.Utc).ToUniversalTime()));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw Unavailable("stat", key, e);
        }
    }

    /// <summary>
    /// Lists in pages of up to 1,000 with ListObjects (v1), each page starting after the last key of the one before.
    /// Not ListObjectsV2: its continuation token is opaque, and s3rver 3.7.1 makes it with DES, which the OpenSSL 3 of
    /// current Node refuses, so the second page of any bucket with more than 1,000 objects was "We encountered an
    /// internal error" (the backup of the soak's bucket). A marker (the last key seen) works on every S3 server.
    /// </summary>
    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        while (true)
        {
            ListObjectsResponse page;
            try
            {
                using var deadline = Deadline(cancellationToken);
                page = await _client.ListObjectsAsync(new ListObjectsRequest
                {
                    BucketName = _bucket,
                    Prefix = prefix,
                    Marker = marker,
                }, deadline.Token);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                yield break; // no bucket yet, so no objects
            }
            catch (Exception e) when (IsUnavailable(e, cancellationToken))
            {
                throw Unavailable("list", prefix, e);
            }
            var objects = page.S3Objects ?? [];
            foreach (var o in objects)
            {
                var modified = DateTime.SpecifyKind(o.LastModified ?? DateTime.UtcNow, DateTimeKind.Utc);
                yield return new StoredObject(o.Key, o.Size ?? 0, null, new DateTimeOffset(modified.ToUniversalTime()));
            }
            // Without a delimiter S3 leaves NextMarker out: the next page starts after the last key of this one.
            if (page.IsTruncated != true || objects.Count == 0) yield break;
            marker = objects[^1].Key;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        try
        {
            using var deadline = Deadline(cancellationToken);
            await _client.DeleteObjectAsync(_bucket, key, deadline.Token);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw Unavailable("delete", key, e);
        }
    }

    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        _bucketReady = false;
        await EnsureBucketAsync(cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var deadline = Deadline(cancellationToken);
            await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, deadline.Token);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady) return;
        await _bucketLock.WaitAsync(cancellationToken);
        try
        {
            if (_bucketReady) return;
            try
            {
                using var deadline = Deadline(cancellationToken);
                await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }, deadline.Token);
                _logger.LogInformation("Created bucket {Bucket}", _bucket);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Conflict
                                              || e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
                // Already there: fine.
            }
            catch (Exception e) when (IsUnavailable(e, cancellationToken))
            {
                throw Unavailable("create bucket", _bucket, e);
            }
            _bucketReady = true;
        }
        finally
        {
            _bucketLock.Release();
        }
    }

    /// <summary>
    /// The time one call may take: the configured timeout, plus for uploads the time the body needs at the
    /// slowest acceptable rate. Expiry surfaces as an OperationCanceledException the caller did not ask for,
    /// which <see cref="IsUnavailable"/> turns into <see cref="StorageUnavailableException"/>.
    /// </summary>
    private CancellationTokenSource Deadline(CancellationToken cancellationToken, long bodyBytes = 0)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout + TimeSpan.FromSeconds(bodyBytes / _minUploadBytesPerSecond));
        return cts;
    }

    private static async Task<(string Sha256, byte[] Md5, long Size)> HashAsync(Stream content, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            md5.AppendData(buffer, 0, read);
            size += read;
        }
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), md5.GetHashAndReset(), size);
    }

    /// <summary>Everything but the caller's own cancellation and our own domain exceptions means the server is not usable now.</summary>
    private static bool IsUnavailable(Exception e, CancellationToken cancellationToken) =>
        e is not ObjectAlreadyExistsException and not ObjectNotFoundException and not StorageUnavailableException
        && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        && e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
            or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException;

    private StorageUnavailableException Unavailable(string operation, string key, Exception e)
    {
        _logger.LogWarning("S3 {Operation} of {Key} failed: {Error}", operation, key, e.Message);
        return new StorageUnavailableException($"S3 {operation} of '{key}' failed: {e.Message}", e);
    }

    /// <summary>Keeps the GetObject response (and its connection) alive until the caller is done reading.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _inner = response.ResponseStream;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => response.ContentLength;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) response.Dispose();
            base.Dispose(disposing);
        }
    }
}
