using DocSign.Core.Access;
using DocSign.Core.Ports;

namespace DocSign.Core.Documents;

/// <summary>Office members and auditors read a document with its version history.</summary>
public sealed class GetDocumentHandler(IDocumentRepository documents)
{
    public Task<Document> HandleAsync(Actor actor, Guid id, CancellationToken cancellationToken = default) =>
        DocumentAccess.LoadReadableAsync(documents, actor, id, cancellationToken);
}
