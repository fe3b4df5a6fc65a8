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
