using DocSign.Core.Access;
using DocSign.Core.Letters;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Offices;

namespace DocSign.Core.Archive;

/// <summary>
/// One archived object of an office (a copy or its manifest) as it is now in storage, for those who may see the
/// office's archive. Another office's copy is answered like a copy that does not exist.
/// </summary>
public sealed class ReadArchiveCopyHandler(IArchiveRepository archive, IObjectStore store)
{
    public async Task<(ArchiveCopy Copy, Stream Content)> HandleAsync(Actor actor, string officeId, Guid copyId, CancellationToken cancellationToken = default)
    {
        officeId = OfficeId.From(officeId);
        LetterAccess.RequireOfficeVisible(actor, officeId);
        var copies = await LetterAccess.Guard(() => archive.ListForOfficeAsync(officeId, 10_000, cancellationToken));
        var copy = copies.FirstOrDefault(c => c.Id == copyId) ?? throw DocSignProblem.NotFound("Salinan arsip tidak ditemukan.");
        try
        {
            return (copy, await store.OpenReadAsync(copy.Key, cancellationToken));
        }
        catch (ObjectNotFoundException) { throw DocSignProblem.NotFound("Objek arsip ini tidak ada lagi di penyimpanan."); }
        catch (StorageUnavailableException e) { throw DocSignProblem.Unavailable(e); }
    }
}
