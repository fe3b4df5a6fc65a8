using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

/// <summary>
/// The Camat returns a document of the generic route (outside any SOP run) from his signing screen with a note: the
/// Sekcam's submission is withdrawn and the banner says who returned it and why, until the Sekcam submits again.
/// </summary>
public sealed class ReturnOnGenericRouteHandler(
    IDocumentRepository documents,
    IWorkflowRepository workflows,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<ReturnOnGenericRouteHandler> logger,
    IActorDirectory? people = null)
{
    public async Task<Document> HandleAsync(Actor actor, Guid documentId, string? note, CancellationToken cancellationToken = default)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken);
        if (await WorkflowAccess.Database(() => workflows.FindByDocumentAsync(document.Id, cancellationToken)) is not null)
            throw new DocSignProblem(ProblemKind.Conflict, "Dokumen ini berjalan pada alur SOP; kembalikan lewat langkah SOP.");
        if (!actor.HasRole(document.OfficeId, OfficeRole.Camat))
            throw DocSignProblem.Forbidden("Pada rute umum, dokumen dikembalikan oleh Camat yang akan menandatanganinya.");
        var text = string.IsNullOrWhiteSpace(note) ? throw DocSignProblem.Invalid("Catatan wajib diisi.") : note.Trim();
        if (text.Length > WorkflowInstance.MaxNoteLength)
            throw DocSignProblem.Invalid($"Catatan terlalu panjang; paling banyak {WorkflowInstance.MaxNoteLength} karakter.");
        var name = people is null ? null : (await WorkflowAccess.Database(() => people.PersonAsync(actor.UserId, cancellationToken)))?.Name;
        var returned = document.RouteSubmittedVersion;
        document.ReturnOnGenericRoute(text, string.IsNullOrWhiteSpace(name) ? actor.UserName : name, OfficeRole.Camat, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.StepReturned)
        {
            OfficeId = document.OfficeId, DocumentId = document.Id, VersionNumber = returned,
            Detail = $"Versi final {returned} dikembalikan kepada Sekcam (rute umum): {text}",
        });
        await DatabaseGuard.RunAsync(() => unitOfWork.SaveAsync(cancellationToken));
        logger.LogInformation("Document {DocumentId} returned on the generic route by {User}", document.Id, actor.UserName);
        return document;
    }
}
