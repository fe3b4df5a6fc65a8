using DocSign.Core.Documents;
using DocSign.Core.Problems;
using DocSign.Core.Verification;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DocSign.Web.Pages;

/// <summary>
/// Anyone signed in (auditors above all) checks a PDF they hold or a version DocSign stores: the verdict and
/// each signature, and the auditor's report as HTML or PDF.
/// </summary>
public sealed class VerifikasiModel(VerifyUploadHandler upload, VerifyStoredVersionHandler stored, ListDocumentsHandler list) : DocSignPageModel
{
    /// <summary>Most versions offered in the stored-version list (newest documents first).</summary>
    public const int MaxChoices = 300;

    public VerificationResult? Result { get; private set; }
    public string? Subject { get; private set; }
    public string? ReportLink { get; private set; }
    public IReadOnlyList<SelectListItem> StoredChoices { get; private set; } = [];

    /// <param name="dokumen">A stored document, with <paramref name="versi"/> (links from the document page).</param>
    /// <param name="pilihan">The list's value "document/version".</param>
    /// <param name="laporan">html or pdf: the report as a file instead of the page.</param>
    public Task<IActionResult> OnGetAsync(Guid? dokumen, int? versi, string? pilihan, string? laporan) => GuardAsync(async () =>
    {
        if (pilihan is not null && TryParseChoice(pilihan, out var d, out var n)) (dokumen, versi) = (d, n);
        await LoadChoicesAsync(dokumen, versi);
        if (dokumen is not { } id || versi is not { } number) return Page();

        var actor = await ActorAsync();
        try
        {
            if (laporan is not null)
                return Report(await stored.ReportAsync(actor, id, number, ParseFormat(laporan), HttpContext.RequestAborted));
            var (version, verification) = await stored.HandleAsync(actor, id, number, HttpContext.RequestAborted);
            Result = verification;
            Subject = $"versi {version.Number} ({Tampil.Tahap(version.Stage)})";
            ReportLink = $"/verifikasi?dokumen={id}&versi={number}&laporan=";
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid)
        {
            // E.g. a draft without any signature: say why next to the forms, so another file can be chosen.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            FormError = problem.UserMessage;
        }
        return Page();
    });

    public Task<IActionResult> OnPostUnggahAsync(IFormFile? berkas, string? bentuk) => GuardAsync(async () =>
    {
        await LoadChoicesAsync(null, null);
        await using var stream = berkas?.OpenReadStream();
        var file = berkas is null ? null : new UploadedFile(stream!, berkas.Length, berkas.FileName);
        var actor = await ActorAsync();
        try
        {
            if (bentuk is "html" or "pdf")
                return Report(await upload.ReportAsync(actor, file, ParseFormat(bentuk), HttpContext.RequestAborted));
            Result = await upload.HandleAsync(actor, file, HttpContext.RequestAborted);
            Subject = berkas?.FileName is { Length: > 0 } name ? Path.GetFileName(name) : null;
            return Page();
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.TooLarge)
        {
            Response.StatusCode = Api.ProblemExceptionHandler.StatusOf(problem.Kind);
            FormError = problem.UserMessage;
            return Page();
        }
    });

    private IActionResult Report(VerificationReportFile report)
    {
        // The HTML report is self-contained with its own inline style and no script: let it style itself, nothing more.
        if (report.ContentType.StartsWith("text/html", StringComparison.Ordinal))
            Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        return File(report.Content, report.ContentType, report.FileName);
    }

    private static VerificationReportFormat ParseFormat(string text) => text.Trim().ToLowerInvariant() switch
    {
        "html" => VerificationReportFormat.Html,
        "pdf" => VerificationReportFormat.Pdf,
        _ => throw DocSignProblem.Invalid("Bentuk laporan harus html atau pdf."),
    };

    private static bool TryParseChoice(string text, out Guid document, out int version)
    {
        var parts = text.Split('/');
        version = 0;
        document = Guid.Empty;
        return parts.Length == 2 && Guid.TryParse(parts[0], out document) && int.TryParse(parts[1], out version);
    }

    private async Task LoadChoicesAsync(Guid? selectedDocument, int? selectedVersion)
    {
        var documents = await list.HandleAsync(await ActorAsync(), new ListDocumentsRequest(null, null), HttpContext.RequestAborted);
        StoredChoices = documents
            .SelectMany(d => d.Versions.OrderByDescending(v => v.Number).Select(v => new SelectListItem(
                $"{d.Title} ({d.OfficeId}, {d.Year}) — v{v.Number} {Tampil.Tahap(v.Stage)}",
                $"{d.Id}/{v.Number}",
                d.Id == selectedDocument && v.Number == selectedVersion)))
            .Take(MaxChoices).ToList();
    }
}
