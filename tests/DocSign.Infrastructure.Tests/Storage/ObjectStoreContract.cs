using System.Security.Cryptography;
using DocSign.Core.Ports;

namespace DocSign.Infrastructure.Tests.Storage;

/// <summary>
/// What every object store must do, run against each implementation (file system, S3 on a real s3rver).
/// </summary>
public abstract class ObjectStoreContract : IAsyncLifetime
{
    protected IObjectStore Store { get; private set; } = null!;

    protected abstract Task<IObjectStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static string NewKey(string name = "object.pdf") => $"documents/{Guid.NewGuid():N}/{name}";

    protected static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(81920)]        // exactly one copy buffer
    [InlineData(81921)]        // one byte past it
    [InlineData(3_000_001)]    // several buffers, odd size
    public async Task Bytes_read_back_are_identical_to_what_was_put_and_hash_to_the_reported_sha256(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var key = NewKey();

        var stored = await Store.PutAsync(key, new MemoryStream(bytes));

        stored.Key.ShouldBe(key);
        stored.Size.ShouldBe(size);
        stored.Sha256.ShouldBe(Sha256Hex(bytes));
        var read = await ReadAllAsync(await Store.OpenReadAsync(key));
        Sha256Hex(read).ShouldBe(Sha256Hex(bytes));
        read.ShouldBe(bytes);
    }

    [Fact]
    public async Task Stat_returns_size_and_the_sha256_kept_as_object_metadata()
    {
        var bytes = "%PDF-1.7 stat me"u8.ToArray();
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(bytes));

        var stat = await Store.StatAsync(key);

        stat.ShouldNotBeNull();
        stat.Size.ShouldBe(bytes.Length);
        stat.Sha256.ShouldBe(Sha256Hex(bytes));
        stat.LastModified.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-10));
    }

    [Fact]
    public async Task A_second_put_to_the_same_key_is_refused_and_the_first_bytes_stay()
    {
        var first = "first version"u8.ToArray();
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(first));

        await Should.ThrowAsync<ObjectAlreadyExistsException>(() => Store.PutAsync(key, new MemoryStream("overwrite attempt"u8.ToArray())));

        (await ReadAllAsync(await Store.OpenReadAsync(key))).ShouldBe(first);
        (await Store.StatAsync(key))!.Sha256.ShouldBe(Sha256Hex(first));
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_stored_whole()
    {
        var bytes = new byte[200_000];
        new Random(7).NextBytes(bytes);
        var key = NewKey();

        var stored = await Store.PutAsync(key, new ForwardOnlyStream(bytes));

        stored.Sha256.ShouldBe(Sha256Hex(bytes));
        (await ReadAllAsync(await Store.OpenReadAsync(key))).ShouldBe(bytes);
    }

    [Fact]
    public async Task Reading_a_key_that_was_never_written_is_ObjectNotFound_and_stat_is_null()
    {
        var key = NewKey("never.pdf");
        await Should.ThrowAsync<ObjectNotFoundException>(() => Store.OpenReadAsync(key));
        (await Store.StatAsync(key)).ShouldBeNull();
    }

    [Fact]
    public virtual async Task Listing_returns_exactly_the_objects_under_the_prefix()
    {
        var folder = $"documents/{Guid.NewGuid():N}/";
        await Store.PutAsync(folder + "a.pdf", new MemoryStream([1]));
        await Store.PutAsync(folder + "b.pdf", new MemoryStream([1, 2]));
        await Store.PutAsync($"documents/{Guid.NewGuid():N}/other.pdf", new MemoryStream([3]));

        var listed = new List<StoredObject>();
        await foreach (var o in Store.ListAsync(folder)) listed.Add(o);

        listed.Select(o => o.Key).OrderBy(k => k).ShouldBe([folder + "a.pdf", folder + "b.pdf"]);
        listed.Single(o => o.Key.EndsWith("b.pdf")).Size.ShouldBe(2);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_deleting_again_is_harmless()
    {
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream([1, 2, 3]));

        await Store.DeleteAsync(key);
        await Store.DeleteAsync(key);

        (await Store.StatAsync(key)).ShouldBeNull();
        await Should.ThrowAsync<ObjectNotFoundException>(() => Store.OpenReadAsync(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("documents/../escape.pdf")]
    [InlineData("documents//double.pdf")]
    [InlineData("/absolute.pdf")]
    [InlineData("Documents/Upper.pdf")]
    [InlineData("documents/with space.pdf")]
    public async Task Keys_outside_the_shared_alphabet_are_refused_before_anything_is_written(string key)
    {
        await Should.ThrowAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1])));
    }

    [Fact]
    public async Task Check_succeeds_on_a_working_store()
    {
        await Store.CheckAsync();
    }

    /// <summary>Like a network body: readable once, front to back, length unknown.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7000));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
