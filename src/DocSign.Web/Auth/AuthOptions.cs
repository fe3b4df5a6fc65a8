namespace DocSign.Web.Auth;

/// <summary>Bound from <c>DocSign:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "DocSign:Auth";

    /// <summary>Lifetime of a bearer token.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Absolute lifetime of a browser session, however actively it is used (it also ends after an hour idle).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Wrong passwords for one account from one client address before that pair is slowed down.</summary>
    public int FailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>Wrong passwords from one client address (any accounts) before the address is slowed down.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>Wrong passwords from one browser that signed in to the account before (its device cookie).</summary>
    public int FailuresPerDevice { get; set; } = 5;

    /// <summary>
    /// Wrong passwords for one account from anywhere before sign-ins from places it never signed in from are slowed
    /// down (its known addresses and browsers are not).
    /// </summary>
    public int FailuresPerAccountFromNewPlaces { get; set; } = 10;

    /// <summary>How long a wrong password counts.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first wait once a limit is reached; it doubles with each further failure, up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Token requests one client address may make per minute (rate limit on <c>/api/auth/token</c>).</summary>
    public int TokenRequestsPerMinute { get; set; } = 30;

    /// <summary><c>POST /api/verify</c> per user: requests per minute, and at once.</summary>
    public int VerifyPerMinute { get; set; } = 20;
    public int VerifyConcurrent { get; set; } = 2;
}
