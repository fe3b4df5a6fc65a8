using DocSign.Core.Access;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Web.Auth;

namespace DocSign.Web.Ui;

/// <summary>
/// The layout's links to the letter, archive and signer screens, for the people whose work they are: the Kasubag
/// Umum keeps the register, the Camat and Sekcam read it, the office's auditors read it and the archive. The
/// screens themselves apply the same rules as the API; the menu only leaves out what a person has no use for.
/// </summary>
public static class MenuUtama
{
    /// <summary>Roles that see the Surat keluar and Arsip links of their office.</summary>
    public static readonly IReadOnlyList<string> RegisterRoles = [OfficeRole.KasubagUmum, OfficeRole.Camat, OfficeRole.Sekcam, OfficeRole.Auditor];

    /// <summary>Roles that hold (or may hold) a signing or paraf key.</summary>
    public static readonly IReadOnlyList<string> SignerRoles = [OfficeRole.Camat, OfficeRole.Sekcam, OfficeRole.KasubbagProgram, OfficeRole.KasubagUmum];

    /// <summary>One link: address and visible text.</summary>
    public sealed record Tautan(string Href, string Text);

    public static async Task<IReadOnlyList<Tautan>> ForAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true) return [];
        Actor actor;
        try { actor = await CurrentActor.GetAsync(context); }
        catch (DocSignProblem) { return []; }
        var links = new List<Tautan>();
        var offices = actor.Memberships.Where(m => RegisterRoles.Contains(m.Role)).Select(m => m.OfficeId).Distinct().ToList();
        foreach (var office in offices)
        {
            var suffix = offices.Count > 1 ? " " + Kantor(office) : "";
            links.Add(new($"/surat-keluar/{office}", "Surat keluar" + suffix));
            links.Add(new($"/arsip/{office}", "Arsip" + suffix));
        }
        var staffOffices = actor.Memberships.Where(m => OfficeRole.IsStaff(m.Role)).Select(m => m.OfficeId).Distinct().ToList();
        foreach (var office in staffOffices)
            links.Add(new($"/surat-masuk/{office}", "Surat masuk" + (staffOffices.Count > 1 ? " " + Kantor(office) : "")));
        // The auditor's own task: the office's audit trail (one link per audited office).
        var audited = actor.Memberships.Where(m => m.Role == OfficeRole.Auditor).Select(m => m.OfficeId).Distinct().ToList();
        foreach (var office in audited)
            links.Add(new($"/audit/{office}", "Jejak audit" + (audited.Count > 1 ? " " + Kantor(office) : "")));
        // Admins: one hub for every setting (users and roles, SOP roles, letters and kop, signing rules, calendar, jobs).
        if (actor.AdministersAnyOffice) links.Add(new("/pengaturan", "Pengaturan"));
        // Signature enrolment lives in the person's profile (shown there only to people who sign).
        links.Add(new("/profil", "Profil saya"));
        return links;
    }

    /// <summary>"kanigaran" → "Kanigaran".</summary>
    public static string Kantor(string officeId) => officeId.Length == 0 ? officeId : char.ToUpperInvariant(officeId[0]) + officeId[1..];
}
