namespace DocSign.Core.Ports;

/// <summary>
/// Write-once object storage for document bytes (file system or S3/MinIO). A key, once written, is never
/// overwritten: a second put to the same key is refused with <see cref="ObjectAlreadyExistsException"/>.
/// Implementations compute SHA-256 while streaming and keep it as object metadata.
/// Any failure to reach the backend surfaces as <see cref="StorageUnavailableException"/>, quickly.
/// </summary>
public interface IObjectStore
{
    /// <summary>Stores <paramref name="content"/> (read to its end) under a new key.</summary>
    Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens the stored bytes; throws <see cref="ObjectNotFoundException"/> if the key is unknown.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Size, hash and time of a stored object, or null when there is none.</summary>
    Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every object whose key starts with <paramref name="prefix"/>.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Removes an object (used only by the orphan sweeper and by rollback of a failed upload).</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Checks the backend answers (and creates the bucket if missing).</summary>
    Task CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>An object as the store knows it.</summary>
/// <param name="Key">Its write-once key.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes; null in listings (S3 listings do not carry metadata).</param>
/// <param name="LastModified">When it was written (the sweeper's notion of age).</param>
public sealed record StoredObject(string Key, long Size, string? Sha256, DateTimeOffset LastModified);

public class ObjectStoreException : Exception
{
    public ObjectStoreException(string message, Exception? inner = null) : base(message, inner) { }
}

public sealed class ObjectAlreadyExistsException(string key)
    : ObjectStoreException($"Object '{key}' already exists; keys are write-once.");

public sealed class ObjectNotFoundException(string key)
    : ObjectStoreException($"Object '{key}' does not exist.");

public sealed class StorageUnavailableException(string message, Exception? inner = null)
    : ObjectStoreException(message, inner);

/// <summary>Rules every store applies to keys so that both backends accept exactly the same set.</summary>
public static class ObjectKeys
{
    public const int MaxLength = 512;

    /// <summary>Segments of [a-z0-9._-] separated by '/', none empty, '.' or '..'.</summary>
    public static void Validate(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
            throw new ArgumentException("Object key is empty or too long.", nameof(key));
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
                throw new ArgumentException($"Object key '{key}' has an empty or relative segment.", nameof(key));
            foreach (var c in segment)
            {
                if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_' or '-'))
                    throw new ArgumentException($"Object key '{key}' has a character outside [a-z0-9._-/].", nameof(key));
            }
        }
    }
}
