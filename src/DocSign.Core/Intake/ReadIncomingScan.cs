using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Intake;

/// <summary>Office members download the scan of an incoming letter (recorded before the bytes leave).</summary>
public sealed class ReadIncomingScanHandler(IIncomingLetterRepository letters, IObjectStore store, IAuditTrail audit)
{
    public async Task<(IncomingLetter Letter, Stream Content)> HandleAsync(Actor actor, Guid letterId, CancellationToken cancellationToken = default)
    {
        var letter = await IncomingAccess.LoadAsync(letters, actor, letterId, false, cancellationToken);
        if (letter.ScanKey is null) throw DocSignProblem.NotFound("Surat masuk ini belum memiliki pindaian.");
        await audit.RecordNowAsync(new AuditEvent(IntakeAuditActions.IncomingScanDownloaded)
            { OfficeId = letter.OfficeId, Sha256 = letter.ScanSha256, Detail = $"Pindaian surat masuk {letter.Number}" }, cancellationToken);
        try
        {
            return (letter, await store.OpenReadAsync(letter.ScanKey, cancellationToken));
        }
        catch (ObjectStoreException e)
        {
            throw new DocSignProblem(ProblemKind.Unavailable, "Pindaian tidak dapat dibaca dari penyimpanan. Hubungi admin.", e);
        }
    }
}
