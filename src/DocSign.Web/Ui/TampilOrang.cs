using DocSign.Core.Access;

namespace DocSign.Web.Ui;

/// <summary>People on the screens: "Sari Wulandari (Staf)" instead of "staf.kanigaran".</summary>
public static class TampilOrang
{
    /// <summary>
    /// The person's name and jabatan (their role in <paramref name="officeId"/>) when <paramref name="people"/> knows them;
    /// "Sistem DocSign" for the jobs; else the account name as recorded; "—" for nobody.
    /// </summary>
    public static string Sebut(PeopleNamesHandler people, string? userName, string? officeId = null)
    {
        if (string.IsNullOrWhiteSpace(userName)) return "—";
        if (userName == SystemActor.Name) return "Sistem DocSign";
        if (people.Find(userName) is not { } person) return userName;
        return person.RoleIn(officeId) is { } role ? $"{person.Name} ({Tampil.Peran(role)})" : person.Name;
    }
}
