using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Documents;

internal static class DocumentAccess
{
    /// <summary>
    /// Loads a document the actor may read. Someone who may not read it gets the same 404 as for a document
    /// that does not exist, so other offices cannot even learn which documents exist.
    /// </summary>
    public static async Task<Document> LoadReadableAsync(IDocumentRepository documents, Actor actor, Guid id, CancellationToken cancellationToken)
    {
        Document? document;
        try
        {
            document = await documents.FindAsync(id, cancellationToken);
        }
        catch (DatabaseUnavailableException e) { throw DatabaseGuard.Unavailable(e); }
        if (document is null) throw DocSignProblem.NotFound();
        // Hidden, but real: the same answer as above, and the refusal is audited.
        if (!actor.CanRead(document.OfficeId)) throw DocSignProblem.NotFound().About(document.OfficeId, document.Id, "dokumen kantor lain");
        return document;
    }
}
