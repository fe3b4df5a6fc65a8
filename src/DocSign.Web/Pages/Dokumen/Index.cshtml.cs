using DocSign.Core.Documents;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Dokumen;

/// <summary>
/// One document: its versions (stage, author, time, size, SHA-256), upload of a new version, download and
/// the in-browser view of a version. Same use cases and rules as the documents API.
/// </summary>
public sealed class DokumenModel(
    GetDocumentHandler get, AddVersionHandler add, GetTimelineHandler timeline, AdvanceStepHandler advance, ReturnStepHandler back,
    SubmitDocumentHandler submit, RecordFindingHandler findings, AnswerFindingHandler answers,
    DocSign.Core.Signing.OfficeSigningSettingsHandler signingSettings, StartRevisionHandler revisions,
    SubmitOnGenericRouteHandler genericSubmit) : DocSignPageModel
{
    public Document? Document { get; private set; }

    /// <summary>The SOP run of this document, or null when it runs outside any SOP.</summary>
    public WorkflowTimeline? Timeline { get; private set; }

    /// <summary>The step now running, when the signed-in person holds it.</summary>
    public TimelineStep? MyStep { get; private set; }

    /// <summary>Whether the signed-in person may answer review findings (office staff during the review step).</summary>
    public bool CanAnswerFindings { get; private set; }
    public DocumentVersion? Shown { get; private set; }
    public bool CanUpload { get; private set; }

    /// <summary>The office asks for a paraf before the Camat signs, the person may give it, and a final version waits for it.</summary>
    public bool CanParaf { get; private set; }

    /// <summary>A document outside any SOP run whose newest final the Sekcam (this person) has not yet put to the Camat.</summary>
    public bool CanSubmitOnGenericRoute { get; private set; }

    /// <summary>The same-origin content endpoint (cookie accepted): download link and the viewer's source.</summary>
    public string ContentUrl(int number) => $"/api/documents/{Document!.Id}/versions/{number}/content";

    public Task<IActionResult> OnGetAsync(Guid id, int? versi) => GuardAsync(async () =>
    {
        await LoadAsync(id, versi);
        return Page();
    });

    public Task<IActionResult> OnPostUnggahAsync(Guid id, string? tahap, string? catatan, IFormFile? berkas) => GuardAsync(async () =>
    {
        await using var stream = berkas?.OpenReadStream();
        var file = berkas is null ? null : new UploadedFile(stream!, berkas.Length, berkas.FileName);
        try
        {
            var version = await add.HandleAsync(await ActorAsync(), new AddVersionRequest(id, tahap, catatan, file), HttpContext.RequestAborted);
            Notice = $"Versi {version.Number} ({Tampil.Tahap(version.Stage)}) tersimpan.";
            return Redirect($"/dokumen/{id}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.TooLarge or ProblemKind.Forbidden or ProblemKind.Conflict)
        {
            await ShowFormErrorAsync(problem);
            await LoadAsync(id, null);
            return Page();
        }
    });

    /// <summary>The holder of the current step marks it done (the SOP moves on).</summary>
    public Task<IActionResult> OnPostLangkahAsync(Guid id, string? langkah, string? catatan) =>
        ActAsync(id, async actor =>
        {
            var result = await advance.HandleAsync(actor, new AdvanceStepRequest(id, langkah, catatan, null), HttpContext.RequestAborted);
            return "Langkah selesai. " + NowAt(result);
        });

    /// <summary>The holder of the current step sends it back one step with a note.</summary>
    public Task<IActionResult> OnPostKembalikanAsync(Guid id, string? langkah, string? catatan) =>
        ActAsync(id, async actor =>
        {
            var result = await back.HandleAsync(actor, new ReturnStepRequest(id, langkah, catatan), HttpContext.RequestAborted);
            return "Dokumen dikembalikan. " + NowAt(result);
        });

    /// <summary>Office staff start a revisi after the signature: a new run; the signed version stays official and valid.</summary>
    public Task<IActionResult> OnPostRevisiAsync(Guid id, string? alasan) =>
        ActAsync(id, async actor =>
        {
            var document = await revisions.HandleAsync(actor, new StartRevisionRequest(id, alasan), HttpContext.RequestAborted);
            return $"Revisi ke-{document.RevisionCount} dimulai. Versi bertanda tangan sebelumnya tetap sah; unggah versi perbaikan, lalu ajukan lagi untuk ditandatangani.";
        });

    /// <summary>The SOP's role puts the latest final version to the Camat (as <c>POST /api/documents/{id}/submit</c>).</summary>
    public Task<IActionResult> OnPostAjukanAsync(Guid id, string? catatan) =>
        ActAsync(id, async actor =>
        {
            if (Timeline is null && !await RunsSopAsync(actor, id))
                return $"Versi final {(await genericSubmit.HandleAsync(actor, id, HttpContext.RequestAborted)).Number} diajukan kepada Camat.";
            var result = await submit.HandleAsync(actor, id, catatan, HttpContext.RequestAborted);
            return $"Versi final {result.Instance.SubmittedVersionNumber} diajukan kepada Camat. " + NowAt(result);
        });

    /// <summary>The reviewer (Inspektorat) records a review finding.</summary>
    public Task<IActionResult> OnPostCatatanAsync(Guid id, string? isi) =>
        ActAsync(id, async actor =>
        {
            var finding = await findings.HandleAsync(actor, id, isi, HttpContext.RequestAborted);
            return $"Catatan reviu #{finding.Number} tersimpan.";
        });

    /// <summary>Office staff answer a finding with the corrected version that fixes it.</summary>
    public Task<IActionResult> OnPostJawabAsync(Guid id, Guid temuan, int? versi, string? jawaban) =>
        ActAsync(id, async actor =>
        {
            var finding = await answers.HandleAsync(actor, new AnswerFindingRequest(id, temuan, versi, jawaban), HttpContext.RequestAborted);
            return $"Catatan reviu #{finding.Number} dijawab dengan versi {finding.AnswerVersionNumber}.";
        });

    private async Task<bool> RunsSopAsync(Core.Access.Actor actor, Guid id)
    {
        try { await timeline.HandleAsync(actor, id, HttpContext.RequestAborted); return true; }
        catch (DocSignProblem problem) when (problem.Kind == ProblemKind.NotFound) { return false; }
    }

    private static string NowAt(WorkflowTimeline timeline) =>
        timeline.Current is { } current
            ? $"Sekarang langkah {current.Step.Number}: {current.Step.Text}"
            : "Alur SOP selesai.";

    /// <summary>
    /// A workflow action: success goes back to the document page with a notice (post-redirect-get); a refusal the
    /// person can understand (wrong step, missing version, not their role) is shown above the page with its status.
    /// </summary>
    private Task<IActionResult> ActAsync(Guid id, Func<Core.Access.Actor, Task<string>> action) => GuardAsync(async () =>
    {
        try
        {
            Notice = await action(await ActorAsync());
            return Redirect($"/dokumen/{id}#alur");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Forbidden or ProblemKind.Conflict)
        {
            await ShowFormErrorAsync(problem);
            await LoadAsync(id, null);
            return Page();
        }
    });

    private async Task LoadAsync(Guid id, int? versi)
    {
        var actor = await ActorAsync();
        Document = await get.HandleAsync(actor, id, HttpContext.RequestAborted);
        CanUpload = actor.IsStaffOf(Document.OfficeId);
        try
        {
            Timeline = await timeline.HandleAsync(actor, id, HttpContext.RequestAborted);
        }
        catch (DocSignProblem problem) when (problem.Kind == ProblemKind.NotFound)
        {
            Timeline = null;   // readable, but outside any SOP
        }
        if (Timeline?.Current is { } current)
        {
            MyStep = Timeline.MayActOnCurrent ? current : null;
            CanAnswerFindings = current.Step.IsReview && actor.IsStaffOf(Document.OfficeId);
        }
        var latest = Document.Versions.MaxBy(v => v.Number);
        CanSubmitOnGenericRoute = Timeline is null && latest is { Stage: VersionStage.Final } && Document.RouteSubmittedVersion != latest.Number
            && Document.SignedInCurrentRun is null && actor.HasRole(Document.OfficeId, Core.Offices.OfficeRole.Sekcam);
        if (actor.HasRole(Document.OfficeId, [.. DocSign.Core.Signing.EnrolSignerHandler.ParafRoles])
            && latest?.Stage == VersionStage.Final && (Timeline is not null || Document.RouteSubmittedVersion == latest.Number))
            CanParaf = (await signingSettings.GetAsync(actor, Document.OfficeId, HttpContext.RequestAborted)).ParafRequired;
        Shown = versi is { } n
            ? Document.Versions.FirstOrDefault(v => v.Number == n) ?? throw DocSignProblem.NotFound($"Versi {n} dari dokumen ini tidak ada.")
            : Document.Versions.MaxBy(v => v.Number);
    }
}
