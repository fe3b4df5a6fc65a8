namespace DocSign.Core.Documents;

/// <summary>Bound from <c>DocSign:Upload</c>.</summary>
public sealed class UploadOptions
{
    public const string Section = "DocSign:Upload";

    /// <summary>Largest file accepted, in bytes (default 200 MB).</summary>
    public long MaxBytes { get; set; } = 200L * 1024 * 1024;
}
