using DocSign.Core.Offices;

namespace DocSign.Core.Access;

/// <summary>The signed-in person as the use cases see them: who, and in which offices with which role.</summary>
public sealed record Actor(string UserId, string UserName, IReadOnlyList<OfficeMembership> Memberships, bool IsAdministrator = false)
{
    public bool IsMemberOf(string officeId) => Memberships.Any(m => m.OfficeId == officeId);

    public bool HasRole(string officeId, params string[] roles) =>
        Memberships.Any(m => m.OfficeId == officeId && roles.Contains(m.Role));

    /// <summary>Auditors (Inspektorat, Bagian Organisasi) read every office's documents.</summary>
    public bool IsAuditor => Memberships.Any(m => m.Role == OfficeRole.Auditor);

    public bool CanRead(string officeId) => IsMemberOf(officeId) || IsAuditor;

    public bool IsStaffOf(string officeId) => Memberships.Any(m => m.OfficeId == officeId && OfficeRole.IsStaff(m.Role));
}

public sealed record OfficeMembership(string OfficeId, string Role);
