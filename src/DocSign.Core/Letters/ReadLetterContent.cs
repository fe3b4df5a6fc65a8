using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Letters;

/// <summary>The signed letter PDF, or the tanda terima kept with it, for those who may read the letter.</summary>
public sealed class ReadLetterContentHandler(ILetterRegister register, IObjectStore store, IAuditTrail audit)
{
    /// <summary>The letter PDF; 404 while the letter has none (a reserved number for an outside letter).</summary>
    public async Task<(Letter Letter, Stream Content)> LetterAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var letter = await LetterAccess.LoadReadableAsync(register, actor, id, cancellationToken);
        if (letter.ObjectKey is null) throw DocSignProblem.NotFound("Surat ini belum memiliki berkas PDF.");
        var content = await OpenAsync(letter.ObjectKey, cancellationToken);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.VersionDownloaded) { OfficeId = letter.OfficeId, DocumentId = letter.DocumentId, Sha256 = letter.Sha256, Detail = "surat " + letter.Number }, cancellationToken);
        return (letter, content);
    }

    /// <summary>The tanda terima; 404 while none is uploaded.</summary>
    public async Task<(Letter Letter, Stream Content)> ReceiptAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var letter = await LetterAccess.LoadReadableAsync(register, actor, id, cancellationToken);
        if (letter.ReceiptKey is null) throw DocSignProblem.NotFound("Tanda terima surat ini belum diunggah.");
        return (letter, await OpenAsync(letter.ReceiptKey, cancellationToken));
    }

    private async Task<Stream> OpenAsync(string key, CancellationToken cancellationToken)
    {
        try { return await store.OpenReadAsync(key, cancellationToken); }
        catch (StorageUnavailableException e) { throw DocSignProblem.Unavailable(e); }
    }
}
