using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// An office's SOP template as it runs: its steps with the Mutu Baku, and which people hold each SOP role. The admin
/// changes who holds each role here (same use case as <c>PUT /api/offices/{office}/sop/mapping</c>); others only read.
/// </summary>
public sealed class SopModel(GetOfficeSopHandler handler, UpdateRoleMappingHandler update) : DocSignPageModel
{
    public OfficeSopView? View { get; private set; }
    public bool CanEdit { get; private set; }

    public Task<IActionResult> OnGetAsync(string office) => GuardAsync(async () =>
    {
        await LoadAsync(office);
        return Page();
    });

    /// <summary>
    /// The whole mapping, one row per SOP role: the office roles ticked and the user names typed (comma-separated).
    /// Rows arrive as <c>baris[i].*</c> fields so that a role name never has to be part of a field name.
    /// </summary>
    public Task<IActionResult> OnPostPemetaanAsync(string office) => GuardAsync(async () =>
    {
        var form = Request.HasFormContentType ? await Request.ReadFormAsync(HttpContext.RequestAborted) : null;
        var rows = new List<RoleMappingEntry>();
        for (var i = 0; form is not null && i < UpdateRoleMappingHandler.MaxEntries + 1; i++)
        {
            var sopRole = form[$"baris[{i}].peran"].ToString();
            if (string.IsNullOrEmpty(sopRole)) break;
            var roles = form[$"baris[{i}].kantor"].Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!.Trim()).ToList();
            var users = form[$"baris[{i}].pengguna"].ToString()
                .Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            rows.Add(new RoleMappingEntry(sopRole, roles, users));
        }
        try
        {
            var view = await update.HandleAsync(await ActorAsync(), office, rows, HttpContext.RequestAborted);
            Notice = $"Pemetaan peran SOP Kecamatan {MenuUtama.Kantor(view.OfficeId)} tersimpan.";
            return Redirect($"/sop/{view.OfficeId}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Forbidden or ProblemKind.Conflict)
        {
            await ShowFormErrorAsync(problem);
            await LoadAsync(office);
            return Page();
        }
    });

    private async Task LoadAsync(string office)
    {
        var actor = await ActorAsync();
        View = await handler.HandleAsync(actor, office, HttpContext.RequestAborted);
        CanEdit = actor.AdministersOffice(View.OfficeId);
    }

    /// <summary>Office roles offered in the form (every role an office membership can have).</summary>
    public static IReadOnlyList<string> OfficeRoles => OfficeRole.All;
}
