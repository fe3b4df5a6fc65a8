using DocSign.Core.Documents;
using DocSign.Core.Letters;
using DocSign.Core.Offices;
using DocSign.Core.Problems;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages.Surat;

/// <summary>
/// One letter of the register: its PDF (pdf.js), number and status, the document it covers, and for the Kasubag
/// Umum the dispatch, the tanda terima and the cancellation. Same use cases as <c>/api/letters/{id}/...</c>.
/// </summary>
public sealed class SuratModel(
    GetLetterHistoryHandler history, GetDocumentHandler documents, DispatchLetterHandler dispatch, UploadReceiptHandler receipts,
    VoidLetterHandler voids, LetterStepAccess steps, LetterTemplateHandler templates, SignCoverLetterHandler sign) : DocSignPageModel
{
    public Letter? Letter { get; private set; }
    public IReadOnlyList<LetterHistoryEntry> History { get; private set; } = [];

    /// <summary>The covered document's title, when the reader may open it.</summary>
    public string? DocumentTitle { get; private set; }
    /// <summary>The Kasubag Umum, or whoever the document's SOP names for a letter step (dispatch, receipt, void).</summary>
    public bool MayHandleLetter { get; private set; }

    /// <summary>A numbered surat pengantar waits for this person's own signature (the office's rule names the Camat or the Sekcam).</summary>
    public bool CanSign { get; private set; }

    public bool CanDispatch => MayHandleLetter && Letter is { Status: LetterStatus.Issued } or { Status: LetterStatus.Reserved, Kind: LetterKinds.External };
    public bool CanUploadReceipt => MayHandleLetter && Letter?.Status == LetterStatus.Dispatched;
    public bool CanVoid => MayHandleLetter && Letter is not null && Letter.Status != LetterStatus.Void;

    public Task<IActionResult> OnGetAsync(Guid id) => GuardAsync(async () =>
    {
        await LoadAsync(id);
        return Page();
    });

    /// <summary>The Kasubag Umum records to whom and by which channel the letter went out.</summary>
    public Task<IActionResult> OnPostKirimAsync(Guid id, string? penerima, string? saluran) =>
        ActAsync(id, async actor =>
        {
            var letter = await dispatch.HandleAsync(actor, id, penerima, saluran, HttpContext.RequestAborted);
            return $"Pengiriman surat {letter.Number} kepada {letter.Recipient} ({letter.Channel?.Label()}) dicatat.";
        });

    /// <summary>The Camat or Sekcam (as the office's rule names) signs the numbered surat pengantar with his own key.</summary>
    public Task<IActionResult> OnPostTandatanganiAsync(Guid id, string? passphrase) =>
        ActAsync(id, async actor =>
        {
            var letter = await sign.HandleAsync(actor, id, passphrase, null, HttpContext.RequestAborted);
            return $"Surat pengantar {letter.Number} ditandatangani.";
        });

    /// <summary>The tanda terima (PDF, PNG or JPEG) of a dispatched letter.</summary>
    public Task<IActionResult> OnPostTandaTerimaAsync(Guid id, IFormFile? berkas) =>
        ActAsync(id, async actor =>
        {
            await using var stream = berkas?.OpenReadStream();
            var letter = await receipts.HandleAsync(actor, id, berkas is null ? null : new UploadedFile(stream!, berkas.Length, berkas.FileName), HttpContext.RequestAborted);
            return $"Tanda terima surat {letter.Number} tersimpan.";
        });

    /// <summary>Cancels the letter; the confirmation box must be ticked (no script needed to ask "are you sure").</summary>
    public Task<IActionResult> OnPostBatalAsync(Guid id, string? alasan, string? yakin) =>
        ActAsync(id, async actor =>
        {
            if (yakin != "ya") throw DocSignProblem.Invalid("Centang konfirmasi pembatalan terlebih dahulu; surat belum dibatalkan.");
            var letter = await voids.HandleAsync(actor, id, alasan, HttpContext.RequestAborted);
            return $"Surat {letter.Number} dibatalkan. Nomornya tetap tercatat di agenda.";
        });

    /// <summary>Success: back to the letter with a notice; a refusal the person can act on stays on the page with its status.</summary>
    private Task<IActionResult> ActAsync(Guid id, Func<Core.Access.Actor, Task<string>> action) => GuardAsync(async () =>
    {
        try
        {
            Notice = await action(await ActorAsync());
            return Redirect($"/surat/{id}");
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict or ProblemKind.Forbidden or ProblemKind.TooLarge or ProblemKind.Throttled or ProblemKind.Unavailable)
        {
            await ShowFormErrorAsync(problem);
            await LoadAsync(id);
            return Page();
        }
    });

    private async Task LoadAsync(Guid id)
    {
        var actor = await ActorAsync();
        (Letter, History) = await history.HandleAsync(actor, id, HttpContext.RequestAborted);
        MayHandleLetter = (await steps.ForAsync(actor, Letter.OfficeId, Letter.DocumentId, HttpContext.RequestAborted)).MayHandleLetter;
        if (Letter is { Status: LetterStatus.Reserved, Kind: LetterKinds.CoverLetter })
        {
            var rule = (await templates.GetAsync(actor, Letter.OfficeId, HttpContext.RequestAborted)).Template?.Signer;
            CanSign = (rule == LetterSigner.Camat && actor.HasRole(Letter.OfficeId, OfficeRole.Camat))
                      || (rule == LetterSigner.Sekcam && actor.HasRole(Letter.OfficeId, OfficeRole.Sekcam));
        }
        if (Letter.DocumentId is { } documentId)
        {
            try { DocumentTitle = (await documents.HandleAsync(actor, documentId, HttpContext.RequestAborted)).Title; }
            catch (DocSignProblem problem) when (problem.Kind == ProblemKind.NotFound) { DocumentTitle = null; }
        }
    }
}
