namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// One background job's record in DocSign's database, shared by every instance: its last run and how it ended, its
/// consecutive failures and run count (the admin's jobs list), and the lease of the sweep now running, so that one
/// instance at a time sweeps and a dead instance's lease runs out (<see cref="JobRecords"/>).
/// </summary>
public sealed class JobRecord
{
    public const int MaxNameLength = 100, MaxErrorLength = 1000, MaxResultLength = 500, MaxOwnerLength = 200;

    public required string Name { get; init; }
    public required string Group { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public string? LastResult { get; set; }
    public int Failures { get; set; }
    public int Runs { get; set; }
    /// <summary>Until when (Unix ms) the sweep now running holds its lease, renewed while it runs; 0 when none runs.</summary>
    public long LeaseUntilUnixMs { get; set; }
    public string? LeaseOwner { get; set; }
}
