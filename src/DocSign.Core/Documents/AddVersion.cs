using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Documents;

public sealed record AddVersionRequest(Guid DocumentId, string? Stage, string? Note, UploadedFile? File);

/// <summary>Office staff add the next version (draft, corrected or final) of a document.</summary>
public sealed class AddVersionHandler(
    IDocumentRepository documents,
    VersionUploader uploader,
    ILogger<AddVersionHandler> logger)
{
    public async Task<DocumentVersion> HandleAsync(Actor actor, AddVersionRequest request, CancellationToken cancellationToken = default)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, request.DocumentId, cancellationToken);
        if (!actor.IsStaffOf(document.OfficeId))
            throw DocSignProblem.Forbidden("Anda tidak berhak mengunggah versi dokumen ini; hanya staf kantor yang dapat mengunggah.");

        if (!VersionStages.TryParse(request.Stage, out var stage))
            throw DocSignProblem.Invalid("Tahap versi (stage) harus salah satu dari: draft, corrected, final.");
        if (!stage.IsUploadable())
            throw DocSignProblem.Invalid("Versi bertanda tangan hanya dibuat oleh proses penandatanganan, tidak dapat diunggah.");
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > DocumentVersion.MaxNoteLength })
            throw DocSignProblem.Invalid($"Catatan terlalu panjang; paling banyak {DocumentVersion.MaxNoteLength} karakter.");

        document.RequireNotSigned();
        uploader.Check(request.File, cancellationToken);

        // On the generic route the Sekcam's own final is his submission to the Camat (documents in a SOP run are
        // submitted by the SOP's submit step, which ignores this).
        var submits = stage == VersionStage.Final && actor.HasRole(document.OfficeId, Offices.OfficeRole.Sekcam);
        var version = await uploader.AppendVersionAsync(document, stage, actor.UserName, note, request.File!, cancellationToken,
            submits ? d => d.SubmitOnGenericRoute() : null);
        logger.LogInformation("Version {Number} ({Stage}) of document {DocumentId} stored by {User}", version.Number, stage.ToWire(), document.Id, actor.UserName);
        return version;
    }
}
