using Microsoft.AspNetCore.Identity;

namespace DocSign.Infrastructure.Identity;

/// <summary>An account. Office roles are not Identity roles: they live in memberships (per office).</summary>
public sealed class DocSignUser : IdentityUser
{
    public const int MaxDisplayNameLength = 200;

    public string DisplayName { get; set; } = "";

    /// <summary>The civil servant's 18-digit NIP, where recorded: a signer certificate that carries a NIP must carry this one.</summary>
    public string? Nip { get; set; }

    public const int MaxNipLength = 18;

    /// <summary>The system administrator (manages accounts); not an office member by that alone.</summary>
    public bool IsAdministrator { get; set; }
}
