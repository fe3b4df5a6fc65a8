using DocSign.Core.Access;

namespace DocSign.Core.Letters;

/// <summary>One thing that happened to a letter: what, who and when (the register keeps each step on the letter itself).</summary>
/// <param name="What">A short Indonesian phrase ("mengambil nomor", "mencatat pengiriman ke ...").</param>
public sealed record LetterHistoryEntry(DateTimeOffset At, string By, string What);

/// <summary>
/// A letter's history for the letter screen: the register line records who reserved, issued, dispatched, received
/// and voided it and when; the entries come from those facts in time order, for whoever may read the letter.
/// </summary>
public sealed class GetLetterHistoryHandler(ILetterRegister register)
{
    public async Task<(Letter Letter, IReadOnlyList<LetterHistoryEntry> History)> HandleAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var letter = await LetterAccess.LoadReadableAsync(register, actor, id, cancellationToken);
        return (letter, Of(letter));
    }

    /// <summary>The entries of <paramref name="letter"/>, oldest first.</summary>
    public static IReadOnlyList<LetterHistoryEntry> Of(Letter letter)
    {
        var entries = new List<LetterHistoryEntry>
        {
            new(letter.ReservedAt, letter.ReservedBy, letter.Insert > 0
                ? $"mengambil nomor sisipan {letter.Number} (alasan: {letter.InsertReason})"
                : $"mengambil nomor {letter.Number}"),
        };
        if (letter.IssuedAt is { } issued)
            entries.Add(new(issued, letter.IssuedBy ?? "", "menerbitkan surat yang ditandatangani secara elektronik"));
        if (letter.DispatchedAt is { } sent)
            entries.Add(new(sent, letter.DispatchedBy ?? "", $"mencatat pengiriman kepada {letter.Recipient} melalui {letter.Channel?.Label()}"));
        if (letter.ReceiptAt is { } received)
            entries.Add(new(received, letter.ReceiptBy ?? "", "mengunggah tanda terima"));
        if (letter.VoidedAt is { } voided)
            entries.Add(new(voided, letter.VoidedBy ?? "", $"membatalkan surat (alasan: {letter.VoidReason})"));
        return entries.OrderBy(e => e.At).ToList();
    }
}
