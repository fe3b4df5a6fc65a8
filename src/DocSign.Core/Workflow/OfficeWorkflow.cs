using DocSign.Core.Access;
using DocSign.Core.Offices;

namespace DocSign.Core.Workflow;

/// <summary>
/// An office's choice of SOP template and how the SOP's roles map to the office's people: each SOP role
/// to office roles (<see cref="OfficeRole"/>) and/or named users. Stored as rows, edited by an administrator.
/// </summary>
public sealed class OfficeWorkflow
{
    private readonly List<RoleAssignment> _assignments = new();

    private OfficeWorkflow() { }

    private OfficeWorkflow(string officeId, string templateKey, string adoptedBy, DateTimeOffset adoptedAt)
    {
        OfficeId = officeId;
        TemplateKey = templateKey;
        AdoptedBy = adoptedBy;
        AdoptedAt = adoptedAt;
    }

    public string OfficeId { get; private set; } = "";
    public string TemplateKey { get; private set; } = "";
    public string AdoptedBy { get; private set; } = "";
    public DateTimeOffset AdoptedAt { get; private set; }

    public IReadOnlyList<RoleAssignment> Assignments => _assignments;

    /// <summary>
    /// The Plh./Plt. in force when the mapping was loaded (not stored with it): while set, the steps mapped to the
    /// office role camat are held by this person instead of the Camat (<see cref="MayAct"/>, <see cref="Holders"/>).
    /// </summary>
    public StandIns.ActingAssignment? StandIn { get; private set; }

    /// <summary>Routes the Camat's steps to <paramref name="standIn"/> (null: back to the Camat).</summary>
    public void RouteHeadTo(StandIns.ActingAssignment? standIn) => StandIn = standIn is not null && standIn.OfficeId == OfficeId ? standIn : null;

    /// <summary>An office starts from one of the templates with the template's default role mapping.</summary>
    public static OfficeWorkflow Adopt(string officeId, SopDefinition template, string adoptedBy, DateTimeOffset at)
    {
        var workflow = new OfficeWorkflow(officeId, template.Key, adoptedBy, at);
        workflow.ReplaceMapping(template, template.Roles.Select(r => new RoleMappingEntry(r.Name, r.DefaultOfficeRoles, [])).ToList());
        return workflow;
    }

    /// <summary>Switches to another template (only when no document is running on the old one; the caller checks).</summary>
    public void Readopt(SopDefinition template, string adoptedBy, DateTimeOffset at)
    {
        TemplateKey = template.Key;
        AdoptedBy = adoptedBy;
        AdoptedAt = at;
        ReplaceMapping(template, template.Roles.Select(r => new RoleMappingEntry(r.Name, r.DefaultOfficeRoles, [])).ToList());
    }

    /// <summary>
    /// Moves the office to a new version of its own SOP with the mapping given for its roles. The rows of roles the
    /// new version no longer names (renamed or removed) stay, so that workflows still running on an older version
    /// keep their holders.
    /// </summary>
    public static OfficeWorkflow AdoptOwn(string officeId, SopDefinition version, IReadOnlyList<RoleMappingEntry> mapping, string adoptedBy, DateTimeOffset at)
    {
        var workflow = new OfficeWorkflow(officeId, version.Key, adoptedBy, at);
        workflow.ReplaceMapping(version, mapping);
        return workflow;
    }

    /// <inheritdoc cref="AdoptOwn"/>
    public void Adapt(SopDefinition version, IReadOnlyList<RoleMappingEntry> mapping, string adoptedBy, DateTimeOffset at)
    {
        var previous = TemplateKey;
        TemplateKey = version.Key;
        try
        {
            ReplaceMapping(version, mapping);
        }
        catch
        {
            TemplateKey = previous;
            throw;
        }
        AdoptedBy = adoptedBy;
        AdoptedAt = at;
    }

    /// <summary>
    /// Replaces the whole mapping. Every SOP role of the template must be mapped to at least one office role or
    /// user, otherwise a step could never be done; unknown SOP roles and office roles are refused.
    /// </summary>
    public void ReplaceMapping(SopDefinition template, IReadOnlyList<RoleMappingEntry> entries)
    {
        if (template.Key != TemplateKey) throw new InvalidOperationException("Mapping for another template.");
        foreach (var e in entries)
        {
            if (template.FindRole(e.SopRole) is null)
                throw Problems.DocSignProblem.Invalid($"Peran '{e.SopRole}' tidak ada di SOP {template.Number}.");
            foreach (var r in e.OfficeRoles)
                if (!OfficeRole.IsKnown(r))
                    throw Problems.DocSignProblem.Invalid($"Peran kantor '{r}' tidak dikenal (pilihan: {string.Join(", ", OfficeRole.All)}).");
            foreach (var u in e.UserNames)
                if (string.IsNullOrWhiteSpace(u) || u.Length > RoleAssignment.MaxValueLength)
                    throw Problems.DocSignProblem.Invalid("Nama pengguna pada pemetaan peran tidak boleh kosong dan paling banyak 256 karakter.");
        }
        foreach (var role in template.Roles)
        {
            var entry = entries.Where(e => e.SopRole == role.Name).ToList();
            if (entry.Count > 1)
                throw Problems.DocSignProblem.Invalid($"Peran '{role.Name}' disebut lebih dari sekali.");
            if (entry.Count == 0 || entry[0].OfficeRoles.Count + entry[0].UserNames.Count == 0)
                throw Problems.DocSignProblem.Invalid($"Peran SOP '{role.Name}' harus dipetakan ke paling sedikit satu peran kantor atau pengguna.");
        }
        // Rows of roles this SOP does not name belong to an older version some workflow may still run on: kept.
        _assignments.RemoveAll(a => template.FindRole(a.SopRole) is not null);
        foreach (var e in entries)
        {
            foreach (var r in e.OfficeRoles.Distinct()) _assignments.Add(new RoleAssignment(OfficeId, e.SopRole, RoleAssignment.KindRole, r));
            foreach (var u in e.UserNames.Select(u => u.Trim().ToLowerInvariant()).Distinct()) _assignments.Add(new RoleAssignment(OfficeId, e.SopRole, RoleAssignment.KindUser, u));
        }
    }

    /// <summary>The mapping grouped per SOP role, in the template's role order.</summary>
    public IReadOnlyList<RoleMappingEntry> Mapping(SopDefinition template) => template.Roles.Select(r => new RoleMappingEntry(
        r.Name,
        _assignments.Where(a => a.SopRole == r.Name && a.Kind == RoleAssignment.KindRole).Select(a => a.Value).ToList(),
        _assignments.Where(a => a.SopRole == r.Name && a.Kind == RoleAssignment.KindUser).Select(a => a.Value).ToList())).ToList();

    /// <summary>Whether the actor holds one of the step's SOP roles in this office (through an office role or by name).</summary>
    public bool MayAct(Actor actor, SopStep step)
    {
        foreach (var a in _assignments)
        {
            if (!step.Roles.Contains(a.SopRole)) continue;
            // The Camat's steps go to the Plh./Plt. while one is in force, and not to the Camat.
            if (a.Kind == RoleAssignment.KindRole && StandIn is { } standIn && a.Value == standIn.Post)
            {
                if (actor.UserId == standIn.UserId && actor.IsMemberOf(OfficeId)) return true;
                continue;
            }
            if (a.Kind == RoleAssignment.KindRole && actor.HasRole(OfficeId, a.Value)) return true;
            // A named user acts only while still a member of the office: removing the membership revokes it.
            if (a.Kind == RoleAssignment.KindUser && a.Value == actor.UserName.ToLowerInvariant() && actor.IsMemberOf(OfficeId)) return true;
        }
        return false;
    }

    /// <summary>Who holds a step: the office roles and user names mapped to its SOP roles.</summary>
    public (IReadOnlyList<string> OfficeRoles, IReadOnlyList<string> UserNames) Holders(SopStep step)
    {
        var roles = _assignments.Where(a => step.Roles.Contains(a.SopRole) && a.Kind == RoleAssignment.KindRole).Select(a => a.Value).Distinct().ToList();
        var users = _assignments.Where(a => step.Roles.Contains(a.SopRole) && a.Kind == RoleAssignment.KindUser).Select(a => a.Value).Distinct().ToList();
        if (StandIn is { } standIn && roles.Remove(standIn.Post) && !users.Contains(standIn.UserName)) users.Add(standIn.UserName);
        return (roles, users);
    }
}

/// <summary>One SOP role's mapping: office roles and named users (user names).</summary>
public sealed record RoleMappingEntry(string SopRole, IReadOnlyList<string> OfficeRoles, IReadOnlyList<string> UserNames);

/// <summary>One row of an office's role mapping: a SOP role held by an office role or by a named user.</summary>
public sealed class RoleAssignment
{
    public const string KindRole = "role";
    public const string KindUser = "user";
    public const int MaxValueLength = 256;

    private RoleAssignment() { }

    internal RoleAssignment(string officeId, string sopRole, string kind, string value)
    {
        OfficeId = officeId;
        SopRole = sopRole;
        Kind = kind;
        Value = value;
    }

    public string OfficeId { get; private set; } = "";
    public string SopRole { get; private set; } = "";
    /// <summary><see cref="KindRole"/> or <see cref="KindUser"/>.</summary>
    public string Kind { get; private set; } = "";
    /// <summary>An office role (camat, sekcam, ...) or a user name.</summary>
    public string Value { get; private set; } = "";
}
