namespace DocSign.Infrastructure;

/// <summary>
/// Bound from <c>DocSign</c> (top level), whose own keys are few: <c>DocSign:DataDirectory</c> here,
/// <c>DocSign:PublicBaseUrl</c> (read into <see cref="DocSign.Core.Signing.SigningOptions.PublicBaseUrl"/>),
/// <c>DocSign:SamplePkiDirectory</c> (read only by <see cref="Security.SampleTrust"/>) and the host's
/// <c>DocSign:PdfJsDirectory</c>; everything else has its own section and class.
/// </summary>
public sealed class DocSignOptions
{
    public const string Section = "DocSign";

    /// <summary>Where the embedded defaults keep their state (SQLite file, objects, data-protection keys); made absolute at start-up.</summary>
    public string DataDirectory { get; set; } = "data";
}

/// <summary>Bound from <c>DocSign:Database</c>; the connection string is <c>ConnectionStrings:DocSign</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "DocSign:Database";
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Bound from <c>DocSign:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "DocSign:Storage";
    public StorageKind Kind { get; set; } = StorageKind.FileSystem;
    public FileSystemStorageOptions FileSystem { get; set; } = new();
    public S3StorageOptions S3 { get; set; } = new();
}

public enum StorageKind { FileSystem, S3 }

public sealed class FileSystemStorageOptions
{
    /// <summary>Root folder; defaults to <c>&lt;DataDirectory&gt;/objects</c>.</summary>
    public string? Root { get; set; }
}

public sealed class S3StorageOptions
{
    public string? ServiceUrl { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string Bucket { get; set; } = "docsign";
    public string Region { get; set; } = "us-east-1";

    /// <summary>How long one call may take (uploads get more, see below): a dead or hung server must fail within seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Slowest acceptable upload rate; an upload of N bytes may take Timeout + N / this.</summary>
    public double MinUploadBytesPerSecond { get; set; } = 1024 * 1024;
    public int MaxErrorRetry { get; set; } = 1;
}
