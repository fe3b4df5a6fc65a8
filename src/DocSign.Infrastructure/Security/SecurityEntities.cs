namespace DocSign.Infrastructure.Security;

/// <summary>
/// The one row (Id 1) that every audit append locks first: it holds the last sequence and hash of the chain,
/// so concurrent appends (threads or instances) queue on it and the chain never forks or skips.
/// </summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";

    /// <summary>
    /// The first sequence whose link is keyed (HMAC under the chain key); entries before it are the unkeyed SHA-256
    /// links of a database made before the chain was keyed. Set once, by the migration that introduced the key.
    /// </summary>
    public long KeyedFrom { get; set; } = 1;

    /// <summary>The chain key's MAC over <see cref="KeyedFrom"/>, so that the switch point cannot be moved unnoticed.</summary>
    public string? KeyedFromMac { get; set; }
}

/// <summary>An ASP.NET Core Data Protection key (its XML, encrypted), shared by every instance through the database.</summary>
public sealed class DataProtectionKeyRow
{
    public Guid Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}

/// <summary>A sign-in token ended before its time (logout): refused until it would have expired anyway.</summary>
public sealed class RevokedToken
{
    public string TokenId { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// One counted sign-in event (a failure per client address, an attempt per user name) for the sign-in throttle. Kept
/// in the database so that every instance counts the same events: counted per instance, two instances behind a load
/// balancer would let an address fail twice as often, enough to reach the account lock-out the throttle is there to
/// keep anonymous callers from.
/// </summary>
public sealed class SignInAttempt
{
    public Guid Id { get; set; }
    /// <summary>"ip:&lt;address&gt;" or "user:&lt;name&gt;".</summary>
    public string Key { get; set; } = "";
    /// <summary>Unix time in milliseconds: compared and ordered by every provider alike.</summary>
    public long AtUnixMs { get; set; }
}
