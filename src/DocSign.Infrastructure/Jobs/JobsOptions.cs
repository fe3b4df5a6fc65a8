namespace DocSign.Infrastructure.Jobs;

/// <summary>
/// Bound from <c>DocSign:Jobs</c>: how Hangfire runs DocSign's jobs. The defaults are for production; tests shorten
/// the polls and the lease through configuration only.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "DocSign:Jobs";

    /// <summary>Hangfire workers per instance (signing a surat pengantar takes a core for a moment; the web requests come first).</summary>
    public int Workers { get; set; } = 2;

    /// <summary>How often an instance looks for due recurring jobs and (PostgreSQL) for enqueued jobs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// PostgreSQL store: a job a worker fetched is given to another after this long without the fetching instance's
    /// keep-alive (sliding; renewed while the job runs). Bounds how long a job of a killed instance waits.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A sweep holds a lease in its job record (renewed while it runs); a killed instance's sweep runs again once this ran out.</summary>
    public TimeSpan SweepLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an instance tells the store it is alive (the dashboard's server list).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When a silent instance is dropped from the server list.</summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The dashboard (admin only) shows but does not change; false lets the admin retry or trigger jobs (all are idempotent).</summary>
    public bool DashboardReadOnly { get; set; } = true;

    /// <summary>Run no Hangfire server in this process (a host that only enqueues, e.g. a tool sharing the database).</summary>
    public bool Disabled { get; set; }
}
