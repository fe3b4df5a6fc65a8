using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Letters;

namespace DocSign.Core.Archive;

/// <summary>A document with what followed it: its letters (the surat pengantar) and its archive copies.</summary>
public sealed record Dossier(Document Document, IReadOnlyList<Letter> Letters, IReadOnlyList<ArchiveCopy> ArchiveCopies);

/// <summary>Whoever may read the document reads its letters and archive copies with it (read access is the document's).</summary>
public sealed class GetDossierHandler(GetDocumentHandler documents, ILetterRegister letters, IArchiveRepository archive)
{
    public async Task<Dossier> HandleAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var document = await documents.HandleAsync(actor, documentId, cancellationToken);
        var letterList = await LetterAccess.Guard(() => letters.ListForDocumentAsync(documentId, cancellationToken));
        var copies = await LetterAccess.Guard(() => archive.ListForDocumentAsync(documentId, cancellationToken));
        return new Dossier(document, letterList, copies);
    }
}
