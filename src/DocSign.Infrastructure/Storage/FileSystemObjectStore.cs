using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using DocSign.Core.Ports;

namespace DocSign.Infrastructure.Storage;

/// <summary>
/// Object store on a local folder (the embedded default). Bytes go to <c>blobs/&lt;key&gt;</c>, the hash to
/// <c>meta/&lt;key&gt;.json</c>. An object appears atomically: it is written and flushed to a temporary file,
/// then linked into place with a no-overwrite move, so a reader never sees half an object and a second
/// put to the same key fails instead of replacing the first. The hash file is written by the winner only.
/// </summary>
public sealed class FileSystemObjectStore : IObjectStore
{
    private readonly string _blobs;
    private readonly string _meta;
    private readonly string _tmp;

    public FileSystemObjectStore(string root)
    {
        var full = Path.GetFullPath(root);
        _blobs = Path.Combine(full, "blobs");
        _meta = Path.Combine(full, "meta");
        _tmp = Path.Combine(full, "tmp");
    }

    public async Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        var blobPath = BlobPath(key);
        if (File.Exists(blobPath)) throw new ObjectAlreadyExistsException(key);

        var temp = Path.Combine(_tmp, Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(_tmp);
            string sha;
            long size;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            // The no-overwrite move is the commit point: exactly one concurrent put wins it, and only the
            // winner writes the metadata afterwards (the losers must not touch the winner's hash).
            Directory.CreateDirectory(Path.GetDirectoryName(blobPath)!);
            if (!TryCommitNoOverwrite(temp, blobPath))
                throw new ObjectAlreadyExistsException(key);

            var metaPath = MetaPath(key);
            Directory.CreateDirectory(Path.GetDirectoryName(metaPath)!);
            var metaTemp = temp + ".meta";
            await File.WriteAllTextAsync(metaTemp, JsonSerializer.Serialize(new Meta(sha, size)), CancellationToken.None);
            File.Move(metaTemp, metaPath, overwrite: true);
            return new StoredObject(key, size, sha, new DateTimeOffset(File.GetLastWriteTimeUtc(blobPath), TimeSpan.Zero));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not ObjectStoreException)
        {
            throw new StorageUnavailableException($"File-system store failed to write '{key}': {e.Message}", e);
        }
        finally
        {
            TryDelete(temp);
            TryDelete(temp + ".meta");
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        try
        {
            Stream s = new FileStream(BlobPath(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
            return Task.FromResult(s);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"File-system store failed to read '{key}': {e.Message}", e);
        }
    }

    public async Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        var info = new FileInfo(BlobPath(key));
        if (!info.Exists) return null;
        string? sha = null;
        try
        {
            var meta = JsonSerializer.Deserialize<Meta>(await File.ReadAllTextAsync(MetaPath(key), cancellationToken));
            sha = meta?.Sha256;
        }
        catch (Exception e) when (e is IOException or JsonException) { }
        // The metadata is only a cache of the hash: if a crash lost it, the bytes still tell.
        if (sha is null)
        {
            await using var blob = new FileStream(BlobPath(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(blob, cancellationToken));
        }
        return new StoredObject(key, info.Length, sha, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_blobs)) yield break;
        // Start from the deepest folder the prefix names, then filter by the full prefix.
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? _blobs : Path.Combine(_blobs, prefix[..slash]);
        if (!Directory.Exists(start)) yield break;
        foreach (var path in Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_blobs, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var info = new FileInfo(path);
            if (!info.Exists) continue;
            yield return new StoredObject(key, info.Length, null, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
        }
        await Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        try
        {
            File.Delete(BlobPath(key));
            File.Delete(MetaPath(key));
        }
        catch (DirectoryNotFoundException) { }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"File-system store failed to delete '{key}': {e.Message}", e);
        }
        return Task.CompletedTask;
    }

    public Task CheckAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            Directory.CreateDirectory(_blobs);
            Directory.CreateDirectory(_meta);
            Directory.CreateDirectory(_tmp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"File-system store root is not usable: {e.Message}", e);
        }
        return Task.CompletedTask;
    }

    private string BlobPath(string key) => Path.Combine(_blobs, key.Replace('/', Path.DirectorySeparatorChar));
    private string MetaPath(string key) => Path.Combine(_meta, key.Replace('/', Path.DirectorySeparatorChar) + ".json");

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch { /* temp leftovers are harmless */ }
    }

    private sealed record Meta(string Sha256, long Size);

    /// <summary>
    /// Puts the finished temp file at <paramref name="destination"/> unless something is already there,
    /// atomically. File.Move(overwrite: false) is not enough on Unix: it checks for the destination and
    /// then renames, so two concurrent puts can both "win" and the later one replaces the earlier bytes.
    /// link(2) fails with EEXIST instead, so exactly one caller commits.
    /// </summary>
    private static bool TryCommitNoOverwrite(string temp, string destination)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            try { File.Move(temp, destination, overwrite: false); return true; }
            catch (IOException) when (File.Exists(destination)) { return false; }
        }
        if (Link(temp, destination) == 0) return true;
        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        const int EEXIST = 17;
        if (errno == EEXIST) return false;
        throw new IOException($"link() failed with errno {errno}");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existingPath, string newPath);
}
