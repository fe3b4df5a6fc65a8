using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>The dashboard: the person's offices and roles, and the documents they may read grouped by the stage of their latest version.</summary>
public sealed class DasborModel(ListDocumentsHandler list, MyTasksHandler tasks, LateStepsHandler late, DocumentsByStageHandler bySopStep,
    DocSign.Core.Letters.LetterInboxHandler letters) : DocSignPageModel
{
    /// <summary>Letters to dispatch and receipts to upload, for those who dispatch the office's letters (null for others).</summary>
    public DocSign.Core.Letters.LetterInbox? LetterInbox { get; private set; }

    /// <summary>Steps waiting for the signed-in person, most urgent first.</summary>
    public IReadOnlyList<WorkflowTask> MyTasks { get; private set; } = [];

    /// <summary>Steps past their deadline in the person's offices, and who holds them.</summary>
    public IReadOnlyList<WorkflowTask> LateSteps { get; private set; } = [];

    /// <summary>Per office: its documents grouped by the SOP step they stand at.</summary>
    public IReadOnlyList<(string Office, IReadOnlyList<StageGroup> Groups)> SopStages { get; private set; } = [];

    public IReadOnlyList<OfficeMembership> Memberships { get; private set; } = [];
    public IReadOnlyList<Document> Documents { get; private set; } = [];
    public bool CanCreate { get; private set; }

    /// <summary>Rows shown per group unless the person asks for all: a dashboard of an office with thousands of documents must still open at once.</summary>
    public const int RowsPerGroup = 25;

    /// <summary>Show every row (up to the list's own limit) instead of <see cref="RowsPerGroup"/> per group.</summary>
    [BindProperty(SupportsGet = true, Name = "semua")]
    public bool ShowAll { get; set; }

    /// <summary>Filter of the document list: office id and year, as typed.</summary>
    [BindProperty(SupportsGet = true, Name = "kantor")]
    public string? OfficeFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "tahun")]
    public string? YearFilter { get; set; }

    /// <summary>Documents read for the stage tables unless all are asked for (the tables show <see cref="RowsPerGroup"/> per stage).</summary>
    public const int ListedWithoutShowAll = 150;

    public IEnumerable<T> Limit<T>(IEnumerable<T> rows) => ShowAll ? rows : rows.Take(RowsPerGroup);

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
        Documents = await list.HandleAsync(actor, new ListDocumentsRequest(OfficeFilter, YearFilter, ShowAll ? null : ListedWithoutShowAll), HttpContext.RequestAborted);
        MyTasks = await tasks.HandleAsync(actor, HttpContext.RequestAborted);
        if (actor.Memberships.Any(m => DocSign.Core.Letters.LetterInboxHandler.MayDispatchIn(actor, m.OfficeId)))
            LetterInbox = await letters.HandleAsync(actor, HttpContext.RequestAborted);
        var lateSteps = new List<WorkflowTask>();
        var stages = new List<(string, IReadOnlyList<StageGroup>)>();
        foreach (var office in actor.Memberships.Select(m => m.OfficeId).Distinct())
        {
            lateSteps.AddRange(await late.HandleAsync(actor, office, HttpContext.RequestAborted));
            stages.Add((office, await bySopStep.HandleAsync(actor, office, HttpContext.RequestAborted)));
        }
        LateSteps = lateSteps;
        SopStages = stages;
        return Page();
    });
}
