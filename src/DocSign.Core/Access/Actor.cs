using DocSign.Core.Offices;

namespace DocSign.Core.Access;

/// <summary>The signed-in person as the use cases see them: who, and in which offices with which role.</summary>
public sealed record Actor(string UserId, string UserName, IReadOnlyList<OfficeMembership> Memberships, bool IsAdministrator = false)
{
    public bool IsMemberOf(string officeId) => Memberships.Any(m => m.OfficeId == officeId);

    public bool HasRole(string officeId, params string[] roles) =>
        Memberships.Any(m => m.OfficeId == officeId && roles.Contains(m.Role));

    /// <summary>Whether this person audits at least one office (Inspektorat, Bagian Organisasi).</summary>
    public bool IsAuditor => Memberships.Any(m => m.Role == OfficeRole.Auditor);

    /// <summary>
    /// Whether this person audits <paramref name="officeId"/>: an auditor is assigned office by office (an
    /// Inspektorat auditor holds an auditor membership in each office of the regency), never every office at once.
    /// </summary>
    public bool AuditsOffice(string officeId) => HasRole(officeId, OfficeRole.Auditor);

    /// <summary>Members (auditors included) read their own offices' documents, and only those.</summary>
    public bool CanRead(string officeId) => IsMemberOf(officeId);

    /// <summary>Whether this person administers <paramref name="officeId"/>: the system administrator, or the office's own admin.</summary>
    public bool AdministersOffice(string officeId) => IsAdministrator || HasRole(officeId, OfficeRole.AdminKantor);

    /// <summary>Whether this person administers any office (the Pengaturan menu).</summary>
    public bool AdministersAnyOffice => IsAdministrator || Memberships.Any(m => m.Role == OfficeRole.AdminKantor);

    public bool IsStaffOf(string officeId) => Memberships.Any(m => m.OfficeId == officeId && OfficeRole.IsStaff(m.Role));
}

public sealed record OfficeMembership(string OfficeId, string Role);
