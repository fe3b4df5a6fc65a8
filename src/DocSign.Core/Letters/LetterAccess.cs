using DocSign.Core.Access;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Letters;

internal static class LetterAccess
{
    public static DocSignProblem NotFound() => DocSignProblem.NotFound("Surat tidak ditemukan.");

    /// <summary>
    /// Loads a letter the actor may see: office members, auditors and the admin. Others get the same 404 as for a
    /// letter that does not exist, so other offices cannot learn which letters exist.
    /// </summary>
    public static async Task<Letter> LoadReadableAsync(ILetterRegister register, Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var letter = await Guard(() => register.FindAsync(id, cancellationToken));
        RequireLetterVisible(actor, letter);
        return letter!;
    }

    /// <summary>404 for a letter that does not exist or that the actor may not see (the latter audited as a refusal).</summary>
    private static void RequireLetterVisible(Actor actor, Letter? letter)
    {
        if (letter is null) throw NotFound();
        if (!(actor.CanRead(letter.OfficeId) || actor.IsAdministrator)) throw NotFound().About(letter.OfficeId, letter.DocumentId, "surat " + letter.Number);
    }

    /// <summary>
    /// Loads a letter for a change (dispatch, void, receipt) that the office's Kasubag Umum may make, and whoever the
    /// document's SOP names for a letter step (Kanigaran's Kasubbag Keuangan dan Program, Candipuro's Staf); 403 for others.
    /// </summary>
    public static async Task<Letter> LoadForLetterHandlerAsync(ILetterRegister register, LetterStepAccess steps, Actor actor, Guid id, string what,
        CancellationToken cancellationToken)
    {
        var letter = await Guard(() => register.FindAsync(id, cancellationToken));
        RequireLetterVisible(actor, letter);
        var rights = await steps.ForAsync(actor, letter!.OfficeId, letter.DocumentId, cancellationToken);
        if (!rights.MayHandleLetter)
            throw DocSignProblem.Forbidden($"Hanya Kasubag Umum kantor ini, atau pemegang langkah surat pengantar pada SOP, yang dapat {what}.")
                .About(letter.OfficeId, letter.DocumentId, "surat " + letter.Number);
        return letter;
    }

    /// <summary>The office is visible to members, auditors and the admin; a stranger gets 404 as if it did not exist.</summary>
    public static void RequireOfficeVisible(Actor actor, string officeId)
    {
        if (!(actor.CanRead(officeId) || actor.IsAdministrator)) throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
    }

    /// <summary>The normalised office id when the office exists and the actor may see it (admin, members, auditors); 404 otherwise.</summary>
    public static async Task<string> VisibleOfficeAsync(Actor actor, string officeId, IDocumentRepository documents, CancellationToken cancellationToken)
    {
        var office = OfficeId.From(officeId);
        if (!(actor.IsAdministrator || actor.CanRead(office)) || !await Guard(() => documents.OfficeExistsAsync(office, cancellationToken)))
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        return office;
    }

    public static Task<T> Guard<T>(Func<Task<T>> call) => DatabaseGuard.RunAsync(call);
}
