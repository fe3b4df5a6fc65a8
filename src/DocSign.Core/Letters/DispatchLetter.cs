using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Letters;

/// <summary>The Kasubag Umum records that a letter went out: to whom and by which channel. Archive copies follow (a job).</summary>
public sealed class DispatchLetterHandler(ILetterRegister register, LetterStepAccess steps, IAuditTrail audit, TimeProvider clock, ILogger<DispatchLetterHandler> logger)
{
    public async Task<Letter> HandleAsync(Actor actor, Guid id, string? recipient, string? channel, CancellationToken cancellationToken = default)
    {
        var letter = await LetterAccess.LoadForLetterHandlerAsync(register, steps, actor, id, "mencatat pengiriman surat", cancellationToken);
        var to = recipient?.Trim();
        if (string.IsNullOrEmpty(to)) throw DocSignProblem.Invalid("Penerima wajib diisi.");
        if (to.Length > Letter.MaxAddresseeLength) throw DocSignProblem.Invalid($"Penerima terlalu panjang; paling banyak {Letter.MaxAddresseeLength} karakter.");
        if (!LetterWords.TryParseChannel(channel, out var how))
            throw DocSignProblem.Invalid("Saluran pengiriman harus salah satu dari: SRIKANDI, email, tangan, pos.");
        switch (letter.Status)
        {
            case LetterStatus.Void: throw new DocSignProblem(ProblemKind.Conflict, "Surat yang dibatalkan tidak dapat dikirim.");
            case LetterStatus.Dispatched: throw new DocSignProblem(ProblemKind.Conflict, "Pengiriman surat ini sudah dicatat.");
            case LetterStatus.Reserved when letter.Kind == LetterKinds.CoverLetter:
                throw new DocSignProblem(ProblemKind.Conflict, "Surat pengantar ini belum selesai dibuat dan ditandatangani; tunggu sebentar lalu coba lagi.");
        }
        letter.Dispatch(to, how, actor.UserName, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.LetterDispatched) { OfficeId = letter.OfficeId, DocumentId = letter.DocumentId, Detail = $"{letter.Number} → {to} ({how.ToWire()})" });
        await LetterAccess.Guard(async () => { await register.SaveAsync(cancellationToken); return true; });
        logger.LogInformation("Letter {Number} of {Office} dispatched via {Channel} by {User}", letter.Number, letter.OfficeId, how.ToWire(), actor.UserName);
        return letter;
    }
}
