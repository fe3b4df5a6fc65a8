using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Calendar;
using DocSign.Core.Documents;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Workflow;

public sealed record StartRevisionRequest(Guid DocumentId, string? Note);

/// <summary>
/// <c>POST /api/documents/{id}/revisi {note}</c>: a correction after the signature. The signed version stays the
/// official one of its run (shown, downloadable, verifiable as VALID); the document opens a new run whose versions
/// are uploaded, submitted and signed again. Office staff only, only when the current run is signed, with a reason.
/// </summary>
public sealed class StartRevisionHandler(
    IDocumentRepository documents,
    IWorkflowRepository workflows,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    OfficeCalendars calendars,
    TimeProvider clock,
    ILogger<StartRevisionHandler> logger)
{
    public async Task<Document> HandleAsync(Actor actor, StartRevisionRequest request, CancellationToken cancellationToken = default)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, request.DocumentId, cancellationToken);
        if (!actor.IsStaffOf(document.OfficeId))
            throw DocSignProblem.Forbidden("Revisi dimulai oleh staf kantor yang menyusun dokumen.");
        var signed = document.SignedInCurrentRun
            ?? throw new DocSignProblem(ProblemKind.Conflict, "Revisi hanya dapat dimulai setelah dokumen ditandatangani; sebelum itu unggah saja versi baru.");
        var instance = await WorkflowAccess.Database(() => workflows.FindByDocumentAsync(document.Id, cancellationToken));
        var now = clock.GetUtcNow();
        string? note;
        if (instance is not null && SopTemplateLoader.Find(instance.TemplateKey) is { } sop)
        {
            var calendar = await calendars.ForOfficeAsync(document.OfficeId, cancellationToken);
            note = instance.StartRevision(sop, actor, request.Note, now, calendar).Note;
        }
        else
        {
            note = string.IsNullOrWhiteSpace(request.Note) ? throw DocSignProblem.Invalid("Catatan wajib diisi.") : request.Note.Trim();
            if (note.Length > WorkflowInstance.MaxNoteLength)
                throw DocSignProblem.Invalid($"Catatan terlalu panjang; paling banyak {WorkflowInstance.MaxNoteLength} karakter.");
        }
        document.StartRevision();
        audit.Record(new AuditEvent(AuditActions.RevisionStarted)
        {
            OfficeId = document.OfficeId, DocumentId = document.Id, VersionNumber = signed.Number, Sha256 = signed.Sha256,
            Detail = $"Revisi ke-{document.RevisionCount} setelah versi bertanda tangan {signed.Number}: {note}",
        });
        await DatabaseGuard.RunAsync(() => unitOfWork.SaveAsync(cancellationToken));
        logger.LogInformation("Revision {Count} of document {DocumentId} started by {User} after signed version {Version}",
            document.RevisionCount, document.Id, actor.UserName, signed.Number);
        return document;
    }
}
