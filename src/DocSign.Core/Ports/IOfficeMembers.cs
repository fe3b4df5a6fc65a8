namespace DocSign.Core.Ports;

/// <summary>A member of an office as reminders and assignments need them: who, the name on record, NIP and e-mail where recorded.</summary>
public sealed record OfficeMember(string UserId, string UserName, string DisplayName, string? Nip, string? Email);

/// <summary>Looks up an office's members.</summary>
public interface IOfficeMembers
{
    /// <summary>
    /// The office's members holding one of <paramref name="officeRoles"/>, and the members named in
    /// <paramref name="userNames"/> (case-insensitive), each once, ordered by user name.
    /// </summary>
    Task<IReadOnlyList<OfficeMember>> FindAsync(string officeId, IReadOnlyCollection<string> officeRoles, IReadOnlyCollection<string> userNames,
        CancellationToken cancellationToken = default);
}
