using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using Microsoft.Extensions.Logging;
using DocSign.Core.Offices;

namespace DocSign.Core.Documents;

/// <summary>
/// A new document: either with its first draft (<paramref name="File"/>), or with no file at all, from the order that
/// starts its SOP (<paramref name="Instruction"/>: the perintah or disposisi, with an optional <paramref name="Attachment"/>,
/// e.g. the scanned disposisi sheet, which is kept beside the document and is never one of its versions).
/// </summary>
public sealed record CreateDocumentRequest(string? Office, string? Year, string? Kind, string? Title, UploadedFile? File,
    string? Instruction = null, UploadedFile? Attachment = null);

/// <summary>Office staff create a document, with its first (draft) version or from the order that starts its SOP.</summary>
public sealed class CreateDocumentHandler(
    IDocumentRepository documents,
    VersionUploader uploader,
    TimeProvider clock,
    ILogger<CreateDocumentHandler> logger,
    IAuditTrail? audit = null,
    StartWorkflowHandler? workflows = null,
    ListDocumentKindsHandler? kinds = null)
{
    public const string AttachmentPrefix = "attachments/";

    public Task<Document> HandleAsync(Actor actor, CreateDocumentRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(actor, request, null, cancellationToken);

    /// <summary>
    /// As above; <paramref name="beforeSave"/> runs after the document (and its SOP run, if any) is staged and before
    /// the one save, so that a caller's own change (e.g. linking an incoming letter) commits with it, or neither.
    /// </summary>
    public async Task<Document> HandleAsync(Actor actor, CreateDocumentRequest request,
        Func<Document, WorkflowInstance?, Task>? beforeSave, CancellationToken cancellationToken = default)
    {
        var office = OfficeId.From(request.Office);
        if (office.IsEmpty)
            throw DocSignProblem.Invalid("Kantor (office) wajib diisi.");
        if (!await Database(() => documents.OfficeExistsAsync(office, cancellationToken)))
            throw DocSignProblem.Invalid($"Kantor '{office}' tidak dikenal.");
        if (!actor.IsStaffOf(office))
            throw DocSignProblem.Forbidden("Anda tidak berhak mengunggah dokumen untuk kantor ini.");

        if (!int.TryParse(request.Year?.Trim(), out var year) || year < 2000 || year > 2100)
            throw DocSignProblem.Invalid("Tahun harus berupa angka tahun yang benar, misalnya 2024.");
        var kind = request.Kind?.Trim() ?? "";
        if (kind.Length > Document.MaxKindLength)
            throw DocSignProblem.Invalid($"Jenis dokumen paling banyak {Document.MaxKindLength} karakter.");
        // Only the office's kinds: each has a route to the signature (its SOP or the generic route), so a free word
        // such as "LAKIP" cannot make a document that reaches the Camat around every SOP.
        if (kinds is not null) kind = (await kinds.ResolveAsync(office, kind, cancellationToken)).Key;
        else if (kind.Length == 0) throw DocSignProblem.Invalid("Jenis dokumen wajib diisi.");
        var title = request.Title?.Trim() ?? "";
        if (title.Length == 0 || title.Length > Document.MaxTitleLength)
            throw DocSignProblem.Invalid($"Judul dokumen wajib diisi, paling banyak {Document.MaxTitleLength} karakter.");

        var instruction = string.IsNullOrWhiteSpace(request.Instruction) ? null : request.Instruction.Trim();
        if (instruction is { Length: > Document.MaxInstructionLength })
            throw DocSignProblem.Invalid($"Perintah atau disposisi paling banyak {Document.MaxInstructionLength} karakter.");
        if (request.File is null && instruction is null)
            throw DocSignProblem.Invalid("Isi perintah atau disposisi yang memulai dokumen ini (draf dapat diunggah kemudian), atau lampirkan berkas PDF draf pertama.");
        if (request.File is not null) uploader.Check(request.File, cancellationToken);
        if (request.Attachment is not null) uploader.Check(request.Attachment, cancellationToken);
        var attachmentName = AttachmentName(request.Attachment);

        var document = new Document(Guid.NewGuid(), office, year, kind, title, actor.UserName, clock.GetUtcNow());
        var stored = new List<string>();
        try
        {
            StoredObject? first = null;
            if (request.File is not null)
            {
                first = await uploader.StoreAsync(request.File, VersionUploader.NewObjectKey(document.Id, 1), cancellationToken);
                stored.Add(first.Key);
                document.AddVersion(Guid.NewGuid(), VersionStage.Draft, actor.UserName, clock.GetUtcNow(), null,
                    first.Size, first.Sha256!, first.Key, 1);
            }
            if (request.Attachment is not null)
            {
                var attachment = await uploader.StoreAsync(request.Attachment, $"{AttachmentPrefix}{document.Id:N}/{Guid.NewGuid():N}.pdf", cancellationToken);
                stored.Add(attachment.Key);
                document.RecordOrder(instruction, attachmentName, attachment.Key, attachment.Sha256, attachment.Size);
            }
            else document.RecordOrder(instruction, null, null, null, null);
            audit?.Record(new AuditEvent(AuditActions.DocumentCreated)
            {
                OfficeId = office, DocumentId = document.Id, VersionNumber = first is null ? null : 1, Sha256 = first?.Sha256,
                Detail = first is null ? $"{title} (dimulai dari perintah, tanpa berkas)" : title,
            });
            // Staged first so that the document and its SOP run are saved in one transaction, or neither.
            var instance = workflows is null ? null : await workflows.StageForNewDocumentAsync(document, actor, cancellationToken);
            if (beforeSave is not null) await beforeSave(document, instance);
            await documents.AddAsync(document, cancellationToken);
        }
        catch (Exception e) when (e is DatabaseUnavailableException or DocSignProblem)
        {
            foreach (var key in stored) await uploader.DiscardAsync(key);
            if (e is DatabaseUnavailableException unavailable) throw DatabaseGuard.Unavailable(unavailable);
            throw;
        }
        logger.LogInformation("Document {DocumentId} created for office {Office} by {User}", document.Id, office, actor.UserName);
        return document;
    }

    private static string? AttachmentName(UploadedFile? file)
    {
        if (file is null) return null;
        var name = Path.GetFileName(file.FileName ?? "").Trim();
        if (name.Length == 0) name = "lampiran.pdf";
        return name.Length > Document.MaxAttachmentNameLength ? name[..Document.MaxAttachmentNameLength] : name;
    }

    private static Task<T> Database<T>(Func<Task<T>> call) => DatabaseGuard.RunAsync(call);
}
