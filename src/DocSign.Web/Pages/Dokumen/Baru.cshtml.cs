using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Dokumen;

/// <summary>Office staff start a document with its first draft (the same use case as <c>POST /api/documents</c>).</summary>
public sealed class BaruModel(CreateDocumentHandler create, DocSign.Core.Workflow.ListDocumentKindsHandler kinds, TimeProvider clock) : DocSignPageModel
{
    public IReadOnlyList<string> Offices { get; private set; } = [];

    /// <summary>The kinds of the person's offices (each with its route to the signature): the only choices.</summary>
    public IReadOnlyList<DocSign.Core.Workflow.DocumentKind> Kinds { get; private set; } = [];
    public string? Kantor { get; private set; }
    public string? Tahun { get; private set; }
    public string? Jenis { get; private set; } = "lkjip";
    public string? Judul { get; private set; }
    public string? Perintah { get; private set; }

    public Task<IActionResult> OnGetAsync() => GuardAsync(async () =>
    {
        await LoadAsync();
        Tahun = (clock.GetUtcNow().Year - 1).ToString();   // the LKjIP reports on the year just ended
        return Page();
    });

    public Task<IActionResult> OnPostAsync(string? kantor, string? tahun, string? jenis, string? judul, string? perintah,
        IFormFile? berkas, IFormFile? lampiran) => GuardAsync(async () =>
    {
        await LoadAsync();
        (Kantor, Tahun, Jenis, Judul, Perintah) = (kantor, tahun, jenis, judul, perintah);
        await using var stream = berkas?.OpenReadStream();
        var file = berkas is null ? null : new UploadedFile(stream!, berkas.Length, berkas.FileName);
        await using var attachmentStream = lampiran?.OpenReadStream();
        var attachment = lampiran is null ? null : new UploadedFile(attachmentStream!, lampiran.Length, lampiran.FileName);
        try
        {
            var document = await create.HandleAsync(await ActorAsync(),
                new CreateDocumentRequest(kantor, tahun, jenis, judul, file, perintah, attachment), HttpContext.RequestAborted);
            Notice = document.Versions.Count > 0
                ? $"Dokumen \"{document.Title}\" tersimpan dengan draf versi 1."
                : $"Dokumen \"{document.Title}\" dimulai dari perintah, belum ada berkas. Draf diunggah pada langkah penyusunan draf.";
            return Redirect($"/dokumen/{document.Id}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.TooLarge)
        {
            // The clerk fixes the form and tries again: keep what was typed.
            Response.StatusCode = Api.ProblemExceptionHandler.StatusOf(problem.Kind);
            FormError = problem.UserMessage;
            return Page();
        }
    });

    private async Task LoadAsync()
    {
        var actor = await ActorAsync();
        Offices = actor.Memberships.Where(m => OfficeRole.IsStaff(m.Role)).Select(m => m.OfficeId).Distinct().ToList();
        if (Offices.Count == 0)
            throw DocSignProblem.Forbidden("Hanya staf kantor yang dapat membuat dokumen.");
        var all = new List<DocSign.Core.Workflow.DocumentKind>();
        foreach (var office in Offices)
            all.AddRange((await kinds.HandleAsync(office, HttpContext.RequestAborted)).Where(k => all.All(a => a.Key != k.Key)));
        Kinds = all;
    }
}
