using DocSign.Core.Documents;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Dokumen;

/// <summary>
/// One document: its versions (stage, author, time, size, SHA-256), upload of a new version, download and
/// the in-browser view of a version. Same use cases and rules as the documents API.
/// </summary>
public sealed class DokumenModel(GetDocumentHandler get, AddVersionHandler add) : DocSignPageModel
{
    public Document? Document { get; private set; }
    public DocumentVersion? Shown { get; private set; }
    public bool CanUpload { get; private set; }

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
            Response.StatusCode = Api.ProblemExceptionHandler.StatusOf(problem.Kind);
            FormError = problem.UserMessage;
            await LoadAsync(id, null);
            return Page();
        }
    });

    private async Task LoadAsync(Guid id, int? versi)
    {
        var actor = await ActorAsync();
        Document = await get.HandleAsync(actor, id, HttpContext.RequestAborted);
        CanUpload = actor.IsStaffOf(Document.OfficeId);
        Shown = versi is { } n
            ? Document.Versions.FirstOrDefault(v => v.Number == n) ?? throw DocSignProblem.NotFound($"Versi {n} dari dokumen ini tidak ada.")
            : Document.Versions.MaxBy(v => v.Number);
    }
}
