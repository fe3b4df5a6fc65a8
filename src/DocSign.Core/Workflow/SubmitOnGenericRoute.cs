using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

/// <summary>
/// The generic route's submission (documents outside any SOP run, see <see cref="DocumentKinds"/>): the Sekcam puts
/// the newest final version to the Camat. Nobody else can, so such a document never reaches the Camat around him.
/// (The Sekcam's own final upload counts as his submission too.)
/// </summary>
public sealed class SubmitOnGenericRouteHandler(
    IDocumentRepository documents,
    IWorkflowRepository workflows,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    ILogger<SubmitOnGenericRouteHandler> logger)
{
    public async Task<DocumentVersion> HandleAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken);
        if (await WorkflowAccess.Database(() => workflows.FindByDocumentAsync(document.Id, cancellationToken)) is not null)
            throw new DocSignProblem(ProblemKind.Conflict, "Dokumen ini berjalan pada alur SOP; ajukan lewat langkah pengajuan SOP.");
        if (!actor.HasRole(document.OfficeId, OfficeRole.Sekcam))
            throw DocSignProblem.Forbidden("Pada rute umum, versi final diajukan kepada Camat oleh Sekcam.");
        var version = document.SubmitOnGenericRoute();
        audit.Record(new AuditEvent(AuditActions.Submitted)
        {
            OfficeId = document.OfficeId, DocumentId = document.Id, VersionNumber = version.Number, Sha256 = version.Sha256,
            Detail = $"Versi final {version.Number} diajukan kepada Camat (rute umum)",
        });
        await DatabaseGuard.RunAsync(() => unitOfWork.SaveAsync(cancellationToken));
        logger.LogInformation("Document {DocumentId} version {Version} submitted on the generic route by {User}", document.Id, version.Number, actor.UserName);
        return version;
    }
}
