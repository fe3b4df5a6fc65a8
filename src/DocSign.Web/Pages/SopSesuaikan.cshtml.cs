using System.Globalization;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// The admin adapts the office's SOP on screen (same use case as <c>PUT /api/offices/{office}/sop</c>): renames
/// roles, changes a Waktu, removes steps, adds steps at a chosen place, or enters the office's own SOP. The seed it
/// comes from stays shown as its origin; documents already running keep their version.
/// </summary>
// The whole SOP is one form (a row per role and per step): more fields than the site-wide limit of 64, still bounded.
[RequestFormLimits(ValueCountLimit = 4000)]
public sealed class SopSesuaikanModel(GetOfficeSopHandler get, AdaptOfficeSopHandler adapt) : DocSignPageModel
{
    /// <summary>Empty rows offered for new roles and new steps.</summary>
    public const int NewRows = 2;

    public string OfficeId { get; private set; } = "";
    public OfficeSopView? View { get; private set; }

    public static IReadOnlyList<string> OfficeRoles => OfficeRole.All;

    /// <summary>Action kinds a new step may take (the first chosen is its main one).</summary>
    public static IReadOnlyList<(string Value, string Label)> Actions =>
    [
        (WorkflowActions.Prepare, "Menyiapkan"), (WorkflowActions.Collect, "Menghimpun"), (WorkflowActions.Analyse, "Menganalisis"),
        (WorkflowActions.Coordinate, "Koordinasi"), (WorkflowActions.Meeting, "Rapat"), (WorkflowActions.Approve, "Menyetujui"),
        (WorkflowActions.Distribute, "Menyampaikan"), (WorkflowActions.Send, "Mengirim"), (WorkflowActions.Archive, "Mengarsipkan"),
        (WorkflowActions.UploadDraft, "Mengunggah draft"), (WorkflowActions.Correct, "Mengoreksi"),
    ];

    public Task<IActionResult> OnGetAsync(string office) => GuardAsync(async () =>
    {
        await LoadAsync(office);
        return Page();
    });

    public Task<IActionResult> OnPostAsync(string office) => GuardAsync(async () =>
    {
        var form = await Request.ReadFormAsync(HttpContext.RequestAborted);
        var command = Read(form);
        try
        {
            var view = await adapt.HandleAsync(await ActorAsync(), office, command, HttpContext.RequestAborted);
            Notice = $"SOP Kecamatan {MenuUtama.Kantor(view.OfficeId)} disesuaikan; dokumen baru memakai versi ini, dokumen yang sedang berjalan tetap pada versinya.";
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
        OfficeId = OfficeIds.Normalize(office);
        try
        {
            View = await get.HandleAsync(await ActorAsync(), office, HttpContext.RequestAborted);
            OfficeId = View.OfficeId;
        }
        catch (DocSignProblem problem) when (problem.Kind == ProblemKind.NotFound && problem.UserMessage.Contains("templat"))
        {
            // An office without a SOP enters its own from empty rows.
            View = null;
        }
    }

    /// <summary>
    /// Rows arrive as <c>peran[i].*</c> and <c>langkah[i].*</c>; a step's roles are the role rows' indexes, so a role
    /// renamed in the same form stays ticked. Steps are ordered by their <c>urutan</c>; removed and empty rows drop out.
    /// </summary>
    private static AdaptSopCommand Read(IFormCollection form)
    {
        var roleNames = new List<string?>();
        var roles = new List<SopRoleEdit>();
        for (var i = 0; i < AdaptOfficeSopHandler.MaxRoles + NewRows && form.ContainsKey($"peran[{i}].nama"); i++)
        {
            var name = form[$"peran[{i}].nama"].ToString().Trim();
            var from = form[$"peran[{i}].asal"].ToString().Trim();
            roleNames.Add(name.Length == 0 ? null : name);
            if (name.Length == 0 && from.Length == 0) continue;
            var officeRoles = form[$"peran[{i}].kantor"].Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!).ToList();
            roles.Add(new SopRoleEdit(name, from.Length == 0 || from == name ? null : from, officeRoles.Count == 0 ? null : officeRoles));
        }
        var steps = new List<(decimal Order, int Row, SopStepEdit Step)>();
        for (var i = 0; i < AdaptOfficeSopHandler.MaxSteps + NewRows && form.ContainsKey($"langkah[{i}].kegiatan"); i++)
        {
            var id = form[$"langkah[{i}].id"].ToString();
            var text = form[$"langkah[{i}].kegiatan"].ToString();
            if (form[$"langkah[{i}].hapus"].Count > 0 || (id.Length == 0 && string.IsNullOrWhiteSpace(text))) continue;
            var order = decimal.TryParse(form[$"langkah[{i}].urutan"].ToString().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var o) ? o : i + 1;
            var stepRoles = form[$"langkah[{i}].pelaksana"].Select(v => int.TryParse(v, out var r) && r >= 0 && r < roleNames.Count ? roleNames[r] : null)
                .OfType<string>().ToList();
            var actions = form[$"langkah[{i}].tindakan"].Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).ToList();
            steps.Add((order, i, new SopStepEdit(id.Length == 0 ? null : id, text, stepRoles, actions.Count == 0 ? null : actions,
                form[$"langkah[{i}].kelengkapan"], form[$"langkah[{i}].waktu"], form[$"langkah[{i}].output"])));
        }
        return new AdaptSopCommand(form["nomor"], form["nama"], null, roles, steps.OrderBy(s => s.Order).ThenBy(s => s.Row).Select(s => s.Step).ToList());
    }
}
