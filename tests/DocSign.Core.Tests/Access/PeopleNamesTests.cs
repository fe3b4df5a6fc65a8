using DocSign.Core.Access;
using DocSign.Core.Offices;

namespace DocSign.Core.Tests.Access;

/// <summary>
/// The display-name read: an account name becomes the person's name and role in the office, for readers who share an
/// office with them (and the admin); a person of another office stays an account name; each name is read once.
/// </summary>
public sealed class PeopleNamesTests
{
    private sealed class Directory : IPeopleDirectory
    {
        public List<IReadOnlyCollection<string>> Asked { get; } = [];

        public Task<IReadOnlyList<PersonOnScreen>> FindByUserNamesAsync(IReadOnlyCollection<string> userNames, CancellationToken cancellationToken = default)
        {
            Asked.Add(userNames);
            IReadOnlyList<PersonOnScreen> people =
            [
                new("staf.kanigaran", "Gita Kusumawati", [new OfficeMembership("kanigaran", OfficeRole.Staf)]),
                new("auditor.inspektorat", "Rudi Hartono", [new OfficeMembership("candipuro", OfficeRole.Auditor), new OfficeMembership("lumajang", OfficeRole.Auditor)]),
            ];
            return Task.FromResult((IReadOnlyList<PersonOnScreen>)people.Where(p => userNames.Contains(p.UserName, StringComparer.OrdinalIgnoreCase)).ToList());
        }
    }

    private static readonly Actor SekcamKanigaran = new("u1", "sekcam.kanigaran", [new OfficeMembership("kanigaran", OfficeRole.Sekcam)]);

    [Fact]
    public async Task Colleagues_are_named_with_their_role_and_people_of_other_offices_stay_account_names()
    {
        var directory = new Directory();
        var names = new PeopleNamesHandler(directory);
        await names.LoadAsync(SekcamKanigaran, ["staf.kanigaran", "auditor.inspektorat", "sistem", null, "nobody.kanigaran"]);

        var staf = names.Find("STAF.kanigaran").ShouldNotBeNull();
        staf.Name.ShouldBe("Gita Kusumawati");
        staf.RoleIn("kanigaran").ShouldBe(OfficeRole.Staf);
        names.Find("auditor.inspektorat").ShouldBeNull();   // audits other offices, not Kanigaran: not named to its Sekcam
        names.Find("nobody.kanigaran").ShouldBeNull();
        directory.Asked.Single().ShouldBe(["staf.kanigaran", "auditor.inspektorat", "nobody.kanigaran"], ignoreOrder: true);   // never "sistem"

        await names.LoadAsync(SekcamKanigaran, ["staf.kanigaran"]);
        directory.Asked.Count.ShouldBe(1);   // already known: no second read
    }

    [Fact]
    public async Task The_admin_and_a_colleague_of_the_auditor_see_the_auditor_named()
    {
        var admin = new PeopleNamesHandler(new Directory());
        await admin.LoadAsync(new Actor("u0", "admin", [], IsAdministrator: true), ["auditor.inspektorat"]);
        admin.Find("auditor.inspektorat")!.RoleIn("lumajang").ShouldBe(OfficeRole.Auditor);

        var camat = new PeopleNamesHandler(new Directory());
        await camat.LoadAsync(new Actor("u2", "camat.lumajang", [new OfficeMembership("lumajang", OfficeRole.Camat)]), ["auditor.inspektorat"]);
        camat.Find("auditor.inspektorat")!.Name.ShouldBe("Rudi Hartono");
    }
}
