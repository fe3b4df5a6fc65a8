namespace DocSign.Core.Storage;

/// <summary>Bound from <c>DocSign:Sweeper</c>.</summary>
public sealed class SweeperOptions
{
    public const string Section = "DocSign:Sweeper";

    /// <summary>
    /// An object without a version row is deleted only once it is this old, so an upload whose row is
    /// still being written is never swept from under it.
    /// </summary>
    public TimeSpan MinAge { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often the background job runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
