using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Letters;

/// <summary>The Kasubag Umum cancels a letter: it stays in the register with its number, marked void with the reason.</summary>
public sealed class VoidLetterHandler(ILetterRegister register, LetterStepAccess steps, IAuditTrail audit, TimeProvider clock, ILogger<VoidLetterHandler> logger)
{
    public async Task<Letter> HandleAsync(Actor actor, Guid id, string? reason, CancellationToken cancellationToken = default)
    {
        var letter = await LetterAccess.LoadForLetterHandlerAsync(register, steps, actor, id, "membatalkan surat", cancellationToken);
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why)) throw DocSignProblem.Invalid("Pembatalan surat memerlukan alasan.");
        if (why.Length > Letter.MaxReasonLength) throw DocSignProblem.Invalid($"Alasan terlalu panjang; paling banyak {Letter.MaxReasonLength} karakter.");
        if (letter.Status == LetterStatus.Void) throw new DocSignProblem(ProblemKind.Conflict, "Surat ini sudah dibatalkan.");
        letter.MarkVoid(why, actor.UserName, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.LetterVoided) { OfficeId = letter.OfficeId, DocumentId = letter.DocumentId, Detail = $"{letter.Number}: {why}" });
        await LetterAccess.Guard(async () => { await register.SaveAsync(cancellationToken); return true; });
        logger.LogInformation("Letter {Number} of {Office} voided by {User}", letter.Number, letter.OfficeId, actor.UserName);
        return letter;
    }
}
