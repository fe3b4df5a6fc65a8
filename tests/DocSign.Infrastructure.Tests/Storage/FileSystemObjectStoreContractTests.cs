using DocSign.Core.Ports;
using DocSign.Infrastructure.Storage;
using DocSign.Testing.Services;

namespace DocSign.Infrastructure.Tests.Storage;

public sealed class FileSystemObjectStoreContractTests : ObjectStoreContract
{
    private readonly string _root = TestEnvironment.NewTempDirectory("fs-store");

    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new FileSystemObjectStore(_root));

    public override Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Concurrent_puts_to_one_key_store_exactly_one_of_them()
    {
        var key = NewKey();
        var bodies = Enumerable.Range(0, 8).Select(i => Enumerable.Repeat((byte)i, 100_000).ToArray()).ToArray();

        var results = await Task.WhenAll(bodies.Select(async b =>
        {
            try { await Task.Run(() => Store.PutAsync(key, new MemoryStream(b))); return true; }
            catch (ObjectAlreadyExistsException) { return false; }
        }));

        results.Count(r => r).ShouldBe(1);
        var stored = await ReadAllAsync(await Store.OpenReadAsync(key));
        bodies.ShouldContain(b => b.SequenceEqual(stored));
        (await Store.StatAsync(key))!.Sha256.ShouldBe(Sha256Hex(stored));
    }

    [Fact]
    public async Task A_lost_hash_file_is_recomputed_from_the_bytes()
    {
        var bytes = "%PDF-1.7 hash file lost in a crash"u8.ToArray();
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream(bytes));
        File.Delete(Path.Combine(_root, "meta", key.Replace('/', Path.DirectorySeparatorChar) + ".json"));

        (await Store.StatAsync(key))!.Sha256.ShouldBe(Sha256Hex(bytes));
    }
}
