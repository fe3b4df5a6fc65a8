using DocSign.Core.Problems;
using DocSign.Core.Signing;
using DocSign.Web.Ui;
using Microsoft.AspNetCore.Mvc;

namespace DocSign.Web.Pages;

/// <summary>
/// Tanda tangan massal: the Camat ticks several documents put to him, looks through each (its page opens beside), types his
/// passphrase or TOTP once, and sees per document what became of it. The progress bar polls <c>GET /api/sign/batch/{id}</c>
/// while the form's POST runs (tanda-tangan-massal.js); without script the form still works, with no bar.
/// </summary>
public sealed class TandaTanganMassalModel(ListAwaitingSignatureHandler awaiting, SignBatchHandler signBatch) : DocSignPageModel
{
    public AwaitingSignature Awaiting { get; private set; } = new([], new Dictionary<string, SigningMethod>());

    /// <summary>The last batch's outcome, shown above the list.</summary>
    public SignBatchResult? Result { get; private set; }

    /// <summary>The id the next batch's progress is polled under.</summary>
    public Guid NextBatchId { get; } = Guid.NewGuid();

    /// <summary>Whether any of the Camat's offices signs through BSrE (then a TOTP may replace the passphrase).</summary>
    public bool OffersTotp => Awaiting.MethodByOffice.Values.Any(m => m == SigningMethod.Bsre);

    public string OfficeName(string officeId) => officeId.Length == 0 ? officeId : char.ToUpperInvariant(officeId[0]) + officeId[1..];

    public Task<IActionResult> OnGetAsync() => GuardAsync(async () =>
    {
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostAsync(List<Guid>? dokumen, string? passphrase, string? totp, Guid? batch) => GuardAsync(async () =>
    {
        try
        {
            Result = await signBatch.HandleAsync(await ActorAsync(), new SignBatchRequest
            {
                DocumentIds = dokumen ?? [],
                Passphrase = passphrase,
                Totp = totp,
                BatchId = batch,
            }, HttpContext.RequestAborted);
        }
        catch (DocSignProblem problem) when (problem.Kind is ProblemKind.Invalid or ProblemKind.Conflict or ProblemKind.Forbidden or ProblemKind.Throttled or ProblemKind.Unavailable)
        {
            if (problem.RetryAfter is { } wait) Response.Headers.RetryAfter = Api.ProblemExceptionHandler.RetryAfterHeader(wait);
            // A wrong passphrase, BSrE down: nothing of the batch was signed or stored.
            await ShowFormErrorAsync(problem);
        }
        await LoadAsync();
        return Page();
    });

    private async Task LoadAsync() => Awaiting = await awaiting.HandleAsync(await ActorAsync(), HttpContext.RequestAborted);
}
