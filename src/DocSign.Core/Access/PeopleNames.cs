using DocSign.Core.Problems;

namespace DocSign.Core.Access;

/// <summary>A person as screens name them: the name on record and the roles they hold, office by office.</summary>
public sealed record PersonOnScreen(string UserName, string Name, IReadOnlyList<OfficeMembership> Memberships)
{
    /// <summary>The person's role in <paramref name="officeId"/> (the first one, in <see cref="Offices.OfficeRole.All"/> order), or their only office's.</summary>
    public string? RoleIn(string? officeId)
    {
        var inOffice = Memberships.Where(m => officeId is null || m.OfficeId == officeId).Select(m => m.Role).ToList();
        if (inOffice.Count == 0) return null;
        return Offices.OfficeRole.All.FirstOrDefault(inOffice.Contains) ?? inOffice[0];
    }
}

/// <summary>Finds people by their user names (EF Core in production: the accounts and their memberships).</summary>
public interface IPeopleDirectory
{
    /// <summary>The accounts among <paramref name="userNames"/> (case-insensitive) with their memberships; unknown names are left out.</summary>
    Task<IReadOnlyList<PersonOnScreen>> FindByUserNamesAsync(IReadOnlyCollection<string> userNames, CancellationToken cancellationToken = default);
}

/// <summary>
/// The display-name read of the screens: who "staf.kanigaran" is, so that step tables, letters and the audit page show a
/// person's name and jabatan instead of an account name. Only people who share an office with the reader (or anyone,
/// for the admin) are named; anyone else stays their account name. Scoped: each name is read once per request.
/// </summary>
public sealed class PeopleNamesHandler(IPeopleDirectory directory)
{
    private readonly Dictionary<string, PersonOnScreen?> _known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the people behind <paramref name="userNames"/> that are not known yet (one query).</summary>
    public async Task LoadAsync(Actor reader, IEnumerable<string?> userNames, CancellationToken cancellationToken = default)
    {
        var wanted = userNames.Where(n => !string.IsNullOrWhiteSpace(n) && !_known.ContainsKey(n!) && n != SystemActor.Name)
            .Select(n => n!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0) return;
        var found = await DatabaseGuard.RunAsync(() => directory.FindByUserNamesAsync(wanted, cancellationToken));
        var offices = reader.Memberships.Select(m => m.OfficeId).ToHashSet(StringComparer.Ordinal);
        foreach (var name in wanted) _known[name] = null;
        foreach (var person in found)
            if (reader.IsAdministrator || person.UserName.Equals(reader.UserName, StringComparison.OrdinalIgnoreCase)
                || person.Memberships.Any(m => offices.Contains(m.OfficeId)))
                _known[person.UserName] = person;
    }

    /// <summary>The person behind a loaded user name, or null (unknown, not loaded, or not someone the reader may see named).</summary>
    public PersonOnScreen? Find(string? userName) =>
        userName is not null && _known.TryGetValue(userName.Trim(), out var person) ? person : null;
}
