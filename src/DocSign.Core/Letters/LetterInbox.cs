using DocSign.Core.Access;
using DocSign.Core.Offices;

namespace DocSign.Core.Letters;

/// <summary>A letter waiting for the person: to be dispatched, or dispatched with its receipt (tanda terima) still missing.</summary>
public sealed record LetterInbox(IReadOnlyList<Letter> ToDispatch, IReadOnlyList<Letter> ReceiptsMissing)
{
    public int Count => ToDispatch.Count + ReceiptsMissing.Count;
}

/// <summary>
/// The dispatcher's inbox (the Kasubag Umum's, on the dashboard): in every office where the person may dispatch
/// letters, the issued letters not yet sent and the sent ones whose receipt is not uploaded, oldest first.
/// </summary>
public sealed class LetterInboxHandler(ILetterRegister register)
{
    /// <summary>Rows read per office and list: an inbox, not the register.</summary>
    public const int MaxPerList = 200;

    public async Task<LetterInbox> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var toDispatch = new List<Letter>();
        var receipts = new List<Letter>();
        foreach (var office in actor.Memberships.Select(m => m.OfficeId).Distinct())
        {
            if (!MayDispatchIn(actor, office)) continue;
            var issued = await LetterAccess.Guard(() => register.ListAsync(office, null, LetterStatus.Issued, MaxPerList, cancellationToken));
            toDispatch.AddRange(issued);
            var sent = await LetterAccess.Guard(() => register.ListAsync(office, null, LetterStatus.Dispatched, MaxPerList, cancellationToken));
            receipts.AddRange(sent.Where(l => l.ReceiptKey is null));
        }
        return new LetterInbox(
            toDispatch.OrderBy(l => l.IssuedAt ?? l.ReservedAt).ToList(),
            receipts.OrderBy(l => l.DispatchedAt ?? l.ReservedAt).ToList());
    }

    /// <summary>
    /// Who may dispatch the office's letters (and so sees them here): the Kasubag Umum, as
    /// <see cref="DispatchLetterHandler"/> requires. The one place to widen when dispatching is opened to more people.
    /// </summary>
    public static bool MayDispatchIn(Actor actor, string officeId) => actor.HasRole(officeId, OfficeRole.KasubagUmum);
}
