using DocSign.Core.Offices;
using DocSign.Core.Signing;
using DocSign.Web.Auth;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// Profil: the signed-in person's name, jabatan per office, signature enrolment (only for people who sign: the Camat,
/// the Sekcam who gives the paraf, and anyone who already holds a key) and the way to his sessions. Enrolling itself
/// stays on the Penanda tangan page (the same <c>EnrolSignerHandler</c> as the API), linked from here.
/// </summary>
public sealed class ProfilModel(ListEnrolmentsHandler enrolments) : DocSignPageModel
{
    public string Name { get; private set; } = "";
    public IReadOnlyList<(string Office, string Jabatan)> Jabatan { get; private set; } = [];
    public IReadOnlyList<SignerEnrolment> Enrolments { get; private set; } = [];

    /// <summary>Whether the signature section is shown at all.</summary>
    public bool Signs { get; private set; }

    public Task<IActionResult> OnGetAsync() => GuardAsync(async () =>
    {
        var actor = await ActorAsync();
        Name = User.FindFirst(AuthSetup.DisplayNameClaim)?.Value ?? actor.UserName;
        Jabatan = actor.Memberships.OrderBy(m => m.OfficeId, StringComparer.Ordinal)
            .Select(m => (m.OfficeId, Tampil.Peran(m.Role))).ToList();
        Enrolments = await enrolments.HandleAsync(actor, "me", HttpContext.RequestAborted);
        Signs = Enrolments.Count > 0 || actor.Memberships.Any(m => m.Role is OfficeRole.Camat or OfficeRole.Sekcam);
        return Page();
    });
}
