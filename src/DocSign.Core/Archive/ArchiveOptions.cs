namespace DocSign.Core.Archive;

/// <summary>Bound from <c>DocSign:Archive</c>.</summary>
public sealed class ArchiveOptions
{
    public const string Section = "DocSign:Archive";
    public TimeSpan ArchivePollInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan IntegrityInterval { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan RenewalInterval { get; set; } = TimeSpan.FromHours(24);
    /// <summary>A copy is renewed when its newest timestamp's certificate expires within this time.</summary>
    public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromDays(365);
}
