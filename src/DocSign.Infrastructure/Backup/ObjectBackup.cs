using System.Security.Cryptography;
using DocSign.Core.Archive;
using DocSign.Core.Documents;
using DocSign.Core.Letters;
using DocSign.Core.Ports;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Backup;

/// <summary>
/// The object half of a backup (scripts/backup.sh, scripts/restore.sh), through the configured store whatever its kind:
/// every object copied to a folder with a manifest of key, size and SHA-256 computed while copying, and put back into an
/// empty store with each hash checked against the manifest. Keys are write-once and never rewritten, so copying the
/// objects after the database dump gives a consistent pair: every object the dump names was already stored.
/// </summary>
public sealed class ObjectBackup(IObjectStore store, DocSignDbContext db)
{
    public const string ManifestName = "manifest.tsv";

    public async Task<(int Objects, long Bytes)> ExportAsync(string folder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var count = 0; long bytes = 0;
        await using var manifest = new StreamWriter(Path.Combine(folder, ManifestName));
        await foreach (var item in store.ListAsync("", cancellationToken))
        {
            var path = PathFor(folder, item.Key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var source = await store.OpenReadAsync(item.Key, cancellationToken))
            await using (var target = File.Create(path))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                long size = 0;
                int n;
                while ((n = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    await target.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                    size += n;
                }
                await manifest.WriteLineAsync($"{item.Key}\t{size}\t{Convert.ToHexStringLower(hash.GetHashAndReset())}");
                bytes += size;
            }
            count++;
        }
        return (count, bytes);
    }

    /// <summary>Puts every object of the manifest into the store; a file whose bytes differ from the manifest stops the restore.</summary>
    public async Task<int> ImportAsync(string folder, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(folder, ManifestName), cancellationToken))
        {
            if (line.Length == 0) continue;
            var parts = line.Split('\t');
            if (parts.Length != 3) throw new InvalidDataException($"Manifest line is not key, size, sha256: {line}");
            var (key, sha) = (parts[0], parts[2]);
            var path = PathFor(folder, key);
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(path), cancellationToken));
            if (actual != sha) throw new InvalidDataException($"Backup file of {key} has SHA-256 {actual}, the manifest says {sha}.");
            if (await store.StatAsync(key, cancellationToken) is { } existing && existing.Sha256 == sha) { count++; continue; }
            await using var content = File.OpenRead(path);
            await store.PutAsync(key, content, cancellationToken);
            count++;
        }
        return count;
    }

    /// <summary>
    /// Proves a restored set-up whole against its own records: every document version, issued letter and archive copy
    /// has its object with the SHA-256 recorded in the database. The signed versions are written to
    /// <paramref name="signedFolder"/> for an independent verifier (the script runs docsign verify on them).
    /// </summary>
    public async Task<RestoreCheck> CheckAsync(string signedFolder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(signedFolder);
        var problems = new List<string>();
        var versions = await db.DocumentVersions.AsNoTracking().ToListAsync(cancellationToken);
        var signed = 0;
        foreach (var v in versions)
        {
            var bytes = await ReadAsync(v.ObjectKey, $"document {v.DocumentId} version {v.Number}", v.Sha256, problems, cancellationToken);
            if (bytes is not null && v.Stage is VersionStage.Signed or VersionStage.Paraf)
            {
                await File.WriteAllBytesAsync(Path.Combine(signedFolder, $"{v.DocumentId}-v{v.Number}.pdf"), bytes, cancellationToken);
                signed++;
            }
        }
        var letters = await db.Set<Letter>().AsNoTracking().Where(l => l.ObjectKey != null).ToListAsync(cancellationToken);
        foreach (var l in letters)
            await ReadAsync(l.ObjectKey!, $"letter {l.Number}", l.Sha256, problems, cancellationToken);
        var copies = await db.Set<ArchiveCopy>().AsNoTracking().ToListAsync(cancellationToken);
        foreach (var c in copies)
            await ReadAsync(c.Key, $"archive copy {c.Key}", c.Sha256, problems, cancellationToken);
        return new RestoreCheck(versions.Count, signed, letters.Count, copies.Count, problems);
    }

    private async Task<byte[]?> ReadAsync(string key, string what, string? sha, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = await store.OpenReadAsync(key, cancellationToken);
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            var actual = Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
            if (sha is not null && actual != sha) { problems.Add($"{what}: SHA-256 {actual}, recorded {sha}"); return null; }
            return buffer.ToArray();
        }
        catch (ObjectNotFoundException)
        {
            problems.Add($"{what}: object {key} missing");
            return null;
        }
    }

    /// <summary>A key as a path below the folder; a key that would leave it (.., rooted) is refused.</summary>
    private static string PathFor(string folder, string key)
    {
        var root = Path.GetFullPath(folder);
        var path = Path.GetFullPath(Path.Combine(root, "objects", key));
        if (!path.StartsWith(Path.Combine(root, "objects") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"Object key leaves the backup folder: {key}");
        return path;
    }
}

public sealed record RestoreCheck(int Versions, int Signed, int Letters, int ArchiveCopies, IReadOnlyList<string> Problems);
