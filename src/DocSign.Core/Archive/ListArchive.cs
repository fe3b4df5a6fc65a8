using DocSign.Core.Access;
using DocSign.Core.Letters;
using DocSign.Core.Offices;

namespace DocSign.Core.Archive;

/// <summary>The office's archive copies with their integrity status and retention, for members, auditors and the admin.</summary>
public sealed class ListArchiveHandler(IArchiveRepository archive)
{
    public async Task<IReadOnlyList<ArchiveCopy>> HandleAsync(Actor actor, string officeId, CancellationToken cancellationToken = default)
    {
        officeId = OfficeId.From(officeId);
        LetterAccess.RequireOfficeVisible(actor, officeId);
        return await LetterAccess.Guard(() => archive.ListForOfficeAsync(officeId, 10_000, cancellationToken));
    }
}
