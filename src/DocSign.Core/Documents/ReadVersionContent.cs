using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Documents;

/// <summary>
/// Office members and auditors read the exact bytes of one version: a download (recorded before the bytes leave),
/// or, for a check that keeps the bytes on the server (verification), an open without a download line.
/// </summary>
public sealed class ReadVersionContentHandler(IDocumentRepository documents, IObjectStore store, ILogger<ReadVersionContentHandler> logger,
    IAuditTrail? audit = null)
{
    public async Task<(DocumentVersion Version, Stream Content)> HandleAsync(Actor actor, Guid documentId, int number, CancellationToken cancellationToken = default)
    {
        var (document, version, content) = await OpenAsync(actor, documentId, number, cancellationToken);
        try
        {
            // Recorded before the bytes leave: a download that cannot be recorded does not happen.
            if (audit is not null)
                await audit.RecordNowAsync(new AuditEvent(AuditActions.VersionDownloaded)
                    { OfficeId = document.OfficeId, DocumentId = document.Id, VersionNumber = number, Sha256 = version.Sha256 }, cancellationToken);
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
        return (version, content);
    }

    /// <summary>The version's bytes for a check on the server; the same read rules as a download, and no download line.</summary>
    public async Task<(Document Document, DocumentVersion Version, Stream Content)> OpenAsync(Actor actor, Guid documentId, int number,
        CancellationToken cancellationToken = default)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken);
        var version = document.Versions.FirstOrDefault(v => v.Number == number)
            ?? throw DocSignProblem.NotFound($"Versi {number} dari dokumen ini tidak ada.");
        try
        {
            return (document, version, await store.OpenReadAsync(version.ObjectKey, cancellationToken));
        }
        catch (StorageUnavailableException e)
        {
            throw DocSignProblem.Unavailable(e);
        }
        catch (ObjectNotFoundException e)
        {
            // A row without its object must never happen (objects are written first and never deleted while referenced).
            logger.LogError(e, "Object {Key} of version {Number} of document {DocumentId} is missing", version.ObjectKey, number, documentId);
            throw new DocSignProblem(ProblemKind.Unavailable, "Isi versi ini tidak dapat dibaca dari penyimpanan. Hubungi admin.", e);
        }
    }
}
