using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>The dashboard: the person's offices and roles, and the documents they may read grouped by the stage of their latest version.</summary>
public sealed class DasborModel(ListDocumentsHandler list) : DocSignPageModel
{
    public IReadOnlyList<OfficeMembership> Memberships { get; private set; } = [];
    public IReadOnlyList<Document> Documents { get; private set; } = [];
    public bool CanCreate { get; private set; }

    /// <summary>Latest stage first in the SOP's order (signed last), empty stages left out.</summary>
    public IEnumerable<IGrouping<VersionStage, Document>> ByStage =>
        Documents.Where(d => d.Versions.Count > 0)
            .GroupBy(d => d.Versions.MaxBy(v => v.Number)!.Stage)
            .OrderBy(g => g.Key);

    public string OfficeName(string officeId) => officeId.Length == 0 ? officeId : char.ToUpperInvariant(officeId[0]) + officeId[1..];

    public Task<IActionResult> OnGetAsync() => GuardAsync(async () =>
    {
        var actor = await ActorAsync();
        Memberships = actor.Memberships;
        CanCreate = actor.Memberships.Any(m => OfficeRole.IsStaff(m.Role));
        Documents = await list.HandleAsync(actor, new ListDocumentsRequest(null, null), HttpContext.RequestAborted);
        return Page();
    });
}
