using System.Globalization;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Signing;
using DocSign.Core.Verification;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Dokumen;

/// <summary>
/// The Camat signs the final version put to him: he sees it, clicks where the stamp goes (or keeps the default
/// place), types his passphrase and presses "Tandatangani". Same use case as <c>POST /api/documents/{id}/sign</c>;
/// afterwards the signed version is shown with its verification.
/// </summary>
public sealed class PenandatangananModel(
    GetDocumentHandler get, GetSigningContextHandler signing, SignDocumentHandler sign, VerifyStoredVersionHandler verify, VerdictCache verdicts,
    Core.Letters.SignWithCoverLetterHandler sitting, Core.Letters.LetterTemplateHandler letterTemplates, Core.Letters.GetLetterHandler letters,

    DocSign.Core.Workflow.GetTimelineHandler timelines, DocSign.Core.Workflow.ReturnStepHandler returns,
    DocSign.Core.Workflow.ReturnOnGenericRouteHandler genericReturns, DescribeSigningPathHandler paths, DocSign.Core.Access.PeopleNamesHandler people) : DocSignPageModel
{
    /// <summary>"Langkah 7 dari 8", who prepared and who approved the version put to the signer (null when none is).</summary>
    public SigningPath? Path { get; private set; }

    /// <summary>The SOP run of the document (null outside any SOP): the reviewed version, and whether the Camat may return it.</summary>
    public DocSign.Core.Workflow.WorkflowTimeline? Timeline { get; private set; }

    /// <summary>The Camat stands on the sign step and may send the document back with a note instead of signing.</summary>
    public bool CanReturn => !IsParaf && Signed is null && (Timeline is { MayActOnCurrent: true, Current.Step.IsSign: true }
        // The generic route: something is submitted to this Camat.
        || (Timeline is null && Document?.RouteSubmittedVersion is not null && Document.SignedInCurrentRun is null && Context?.Enrolment is not null));

    public Document? Document { get; private set; }
    public SigningContext? Context { get; private set; }
    public DocumentVersion? Signed { get; private set; }
    public SignatureRecord? SignedRecord { get; private set; }
    public VerificationResult? Verification { get; private set; }

    /// <summary>The Camat's signature (<c>/penandatanganan</c>) or the Sekcam's/Kasubbag's paraf before it (<c>/paraf</c>).</summary>
    public SignatureKind Kind { get; private set; }
    public bool IsParaf => Kind == SignatureKind.Paraf;
    public string Action => IsParaf ? "paraf" : "penandatanganan";

    /// <summary>The office's rule has the Camat sign the surat pengantar too: the form offers "beserta surat pengantarnya".</summary>
    public bool OffersCoverLetter { get; private set; }

    /// <summary>The surat pengantar signed in the same sitting (after the redirect).</summary>
    public Core.Letters.Letter? CoverLetter { get; private set; }

    /// <summary>Why the surat pengantar of the sitting was not signed, when it was not (the document stays signed).</summary>
    [TempData] public string? CoverLetterProblem { get; set; }

    /// <param name="ditandatangani">The signed version just made (after the redirect), to show with its verification.</param>
    public Task<IActionResult> OnGetAsync(Guid id, string aksi, int? ditandatangani, Guid? surat) => GuardAsync(async () =>
    {
        Kind = KindOf(aksi);
        await LoadAsync(id);
        if (surat is { } letterId)
        {
            CoverLetter = await letters.HandleAsync(await ActorAsync(), letterId, HttpContext.RequestAborted);
            await people.LoadAsync(await ActorAsync(), [CoverLetter.ReservedBy], HttpContext.RequestAborted);
        }
        var stage = IsParaf ? VersionStage.Paraf : VersionStage.Signed;
        if (ditandatangani is { } n && Document!.Versions.FirstOrDefault(v => v.Number == n && v.Stage == stage) is { } version)
        {
            Signed = version;
            SignedRecord = Context!.Signatures.FirstOrDefault(r => r.VersionNumber == n);
            try
            {
                // Signing verified exactly these bytes a moment ago; verify again only when that answer is gone.
                if (SignedRecord is not null && verdicts.TryGet(SignedRecord.PublicId, out var fresh, out _)) Verification = fresh;
                else (_, Verification) = await verify.HandleAsync(await ActorAsync(), id, n, HttpContext.RequestAborted);
            }
            catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Unavailable)
            {
                FormError = "Versi bertanda tangan tersimpan, tetapi verifikasinya belum dapat dijalankan: " + problem.UserMessage;
            }
        }
        return Page();
    });

    public Task<IActionResult> OnPostAsync(Guid id, string aksi, string? passphrase, int? halaman, string? x, string? y, string? lebar, string? tinggi,
        string? beserta) => GuardAsync(async () =>
    {
        Kind = KindOf(aksi);
        var request = new SignDocumentRequest
        {
            DocumentId = id,
            Kind = Kind,
            Passphrase = passphrase,
            Page = halaman,
            X = Number(x), Y = Number(y), Width = Number(lebar), Height = Number(tinggi),
        };
        try
        {
            if (beserta == "ya" && !IsParaf)
            {
                // Two signatures, one passphrase entry: the document, then its surat pengantar (numbered now, by the Camat).
                var both = await sitting.HandleAsync(await ActorAsync(), request, withCoverLetter: true, HttpContext.RequestAborted);
                Notice = both.CoverLetter is { } letter
                    ? $"Dokumen ditandatangani; versi {both.Document.Version.Number} tersimpan. Surat pengantar {letter.Number} ditandatangani."
                    : $"Dokumen ditandatangani; versi {both.Document.Version.Number} tersimpan. Surat pengantar belum ditandatangani.";
                CoverLetterProblem = both.CoverLetterProblem;
                return Redirect($"/dokumen/{id}/{Action}?ditandatangani={both.Document.Version.Number}"
                                + (both.CoverLetter is { } l ? $"&surat={l.Id}" : ""));
            }
            var result = await sign.HandleAsync(await ActorAsync(), request, HttpContext.RequestAborted);
            Notice = IsParaf
                ? $"Paraf diberikan; versi {result.Version.Number} tersimpan dan diteruskan kepada Camat."
                : $"Dokumen ditandatangani; versi {result.Version.Number} tersimpan.";
            return Redirect($"/dokumen/{id}/{Action}?ditandatangani={result.Version.Number}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict or ProblemKind.Forbidden or ProblemKind.Throttled)
        {
            if (problem.RetryAfter is { } wait) Response.Headers.RetryAfter = Api.ProblemExceptionHandler.RetryAfterHeader(wait);
            // Wrong passphrase, a box off the page, a signer outside his mandate: nothing was signed or stored.
            await ShowFormErrorAsync(problem);
        }
        await LoadAsync(id);
        return Page();
    });

    /// <summary>The Camat returns the document from the signing screen with a note (one step back, to who submitted it).</summary>
    public Task<IActionResult> OnPostKembalikanAsync(Guid id, string aksi, string? catatan) => GuardAsync(async () =>
    {
        Kind = KindOf(aksi);
        try
        {
            var actor = await ActorAsync();
            await LoadAsync(id);
            if (Timeline is null)
            {
                await genericReturns.HandleAsync(actor, id, catatan, HttpContext.RequestAborted);
                Notice = "Dokumen dikembalikan dengan catatan kepada Sekcam.";
                return Redirect($"/dokumen/{id}");
            }
            var result = await returns.HandleAsync(actor, new DocSign.Core.Workflow.ReturnStepRequest(id, null, catatan), HttpContext.RequestAborted);
            Notice = result.Current is { } now
                ? $"Dokumen dikembalikan dengan catatan ke langkah {now.Step.Number}: {now.Step.Text}"
                : "Dokumen dikembalikan dengan catatan.";
            return Redirect($"/dokumen/{id}#alur");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict or ProblemKind.Forbidden or ProblemKind.NotFound)
        {
            await ShowFormErrorAsync(problem);
        }
        await LoadAsync(id);
        return Page();
    });

    /// <summary>Browsers send numbers with a dot whatever the page's language; an empty field means "the default place".</summary>
    private static double? Number(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw DocSignProblem.Invalid("Posisi stempel harus berupa angka.");

    private async Task LoadAsync(Guid id)
    {
        var actor = await ActorAsync();
        Document = await get.HandleAsync(actor, id, HttpContext.RequestAborted);
        Context = await signing.HandleAsync(actor, id, Kind, HttpContext.RequestAborted);
        OffersCoverLetter = !IsParaf
            && (await letterTemplates.GetAsync(actor, Document.OfficeId, HttpContext.RequestAborted)).Template?.Signer == Core.Letters.LetterSigner.Camat;
        try
        {
            Timeline = await timelines.HandleAsync(actor, id, HttpContext.RequestAborted);
        }
        catch (DocSignProblem problem) when (problem.Kind == ProblemKind.NotFound)
        {
            Timeline = null;   // outside any SOP: the generic route
        }
        if (Context.PendingVersion is { } pending) Path = await paths.HandleAsync(Document, pending, Timeline, HttpContext.RequestAborted);
    }

    private static SignatureKind KindOf(string? aksi) => aksi == "paraf" ? SignatureKind.Paraf : SignatureKind.Sign;
}
