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

/// <summary>
/// One sign-in that the server can end: every browser cookie and every bearer token carries the id of its row, and a
/// request whose row is ended, past its absolute lifetime or (for a browser) idle too long counts as anonymous. Logout
/// ends the one row, a password change or an admin lock ends all of the account's rows; failed sign-ins by others
/// never touch them. Times are Unix milliseconds, compared alike by every provider.
/// </summary>
public sealed class AuthSession
{
    public const string Browser = "browser";
    public const string Token = "token";

    /// <summary>Random, 32 hex digits; the claim <c>docsign:sid</c> carries it.</summary>
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary><see cref="Browser"/> (the Masuk page's cookie) or <see cref="Token"/> (<c>/api/auth/token</c>).</summary>
    public string Kind { get; set; } = Browser;
    public long CreatedAtUnixMs { get; set; }
    public long LastSeenAtUnixMs { get; set; }
    /// <summary>The absolute end, however actively the session is used.</summary>
    public long ExpiresAtUnixMs { get; set; }
    public long? EndedAtUnixMs { get; set; }
    /// <summary>Why it ended (English, for the operator): logout, password-change, admin-lock, ended-by-owner.</summary>
    public string? EndReason { get; set; }
    public string? ClientAddress { get; set; }
    /// <summary>The browser's User-Agent, clipped, to tell the owner's sessions apart on the Sesi page.</summary>
    public string? Device { get; set; }
}

/// <summary>
/// A place an account has signed in from successfully: a client address ("ip:…") or a browser's device cookie
/// ("dev:" and the SHA-256 of its value). Sign-ins from such a place are not slowed by failures elsewhere.
/// </summary>
public sealed class SignInSource
{
    public string UserId { get; set; } = "";
    public string Key { get; set; } = "";
    public long LastSuccessUnixMs { get; set; }
}

/// <summary>
/// Failed sign-ins for an account since its last successful one (wrong passwords, and attempts held back by the
/// throttle): the owner is told at his next sign-in and the admin sees accounts under attack. Counted with
/// conditional updates, so parallel failures all count.
/// </summary>
public sealed class SignInAlert
{
    public const int MaxAddressesLength = 400;

    public string UserId { get; set; } = "";
    public int Failures { get; set; }
    /// <summary>The distinct client addresses, each followed by ';', until <see cref="MaxAddressesLength"/> is reached.</summary>
    public string Addresses { get; set; } = "";
    public long FirstFailureUnixMs { get; set; }
    public long LastFailureUnixMs { get; set; }
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
    /// <summary>What was counted, e.g. "ip:&lt;address&gt;", "pair:&lt;name&gt;|&lt;address&gt;", "acct:&lt;name&gt;" (see SignInThrottle).</summary>
    public string Key { get; set; } = "";
    /// <summary>Unix time in milliseconds: compared and ordered by every provider alike.</summary>
    public long AtUnixMs { get; set; }
}
