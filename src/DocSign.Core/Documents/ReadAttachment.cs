using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Intake;
using DocSign.Core.Ports;
using DocSign.Core.Problems;

namespace DocSign.Core.Documents;

/// <summary>Readers of a document download the attachment of the order it started from (recorded before the bytes leave).</summary>
public sealed class ReadAttachmentHandler(IDocumentRepository documents, IObjectStore store, IAuditTrail? audit = null)
{
    public async Task<(Document Document, Stream Content)> HandleAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken);
        if (document.AttachmentKey is null)
            throw DocSignProblem.NotFound("Dokumen ini tidak memiliki lampiran perintah.");
        if (audit is not null)
            await audit.RecordNowAsync(new AuditEvent(IntakeAuditActions.AttachmentDownloaded)
                { OfficeId = document.OfficeId, DocumentId = document.Id, Sha256 = document.AttachmentSha256 }, cancellationToken);
        try
        {
            return (document, await store.OpenReadAsync(document.AttachmentKey, cancellationToken));
        }
        catch (ObjectStoreException e)
        {
            throw new DocSignProblem(ProblemKind.Unavailable, "Lampiran tidak dapat dibaca dari penyimpanan. Hubungi admin.", e);
        }
    }
}
