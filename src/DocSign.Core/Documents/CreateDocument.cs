using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Workflow;
using Microsoft.Extensions.Logging;
using DocSign.Core.Offices;

namespace DocSign.Core.Documents;

public sealed record CreateDocumentRequest(string? Office, string? Year, string? Kind, string? Title, UploadedFile? File);

/// <summary>Office staff create a document with its first (draft) version.</summary>
public sealed class CreateDocumentHandler(
    IDocumentRepository documents,
    VersionUploader uploader,
    TimeProvider clock,
    ILogger<CreateDocumentHandler> logger,
    IAuditTrail? audit = null,
    StartWorkflowHandler? workflows = null,
    ListDocumentKindsHandler? kinds = null)
{
    public async Task<Document> HandleAsync(Actor actor, CreateDocumentRequest request, CancellationToken cancellationToken = default)
    {
        var office = OfficeIds.Normalize(request.Office);
        if (office.Length == 0)
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

        uploader.Check(request.File, cancellationToken);

        var document = new Document(Guid.NewGuid(), office, year, kind, title, actor.UserName, clock.GetUtcNow());
        var key = VersionUploader.NewObjectKey(document.Id, 1);
        var stored = await uploader.StoreAsync(request.File!, key, cancellationToken);
        document.AddVersion(Guid.NewGuid(), VersionStage.Draft, actor.UserName, clock.GetUtcNow(), null,
            stored.Size, stored.Sha256!, stored.Key, 1);
        audit?.Record(new AuditEvent(AuditActions.DocumentCreated)
            { OfficeId = office, DocumentId = document.Id, VersionNumber = 1, Sha256 = stored.Sha256, Detail = title });
        try
        {
            // Staged first so that the document and its SOP run are saved in one transaction, or neither.
            if (workflows is not null) await workflows.StageForNewDocumentAsync(document, actor, cancellationToken);
            await documents.AddAsync(document, cancellationToken);
        }
        catch (DatabaseUnavailableException e)
        {
            await uploader.DiscardAsync(key);
            throw DatabaseGuard.Unavailable(e);
        }
        logger.LogInformation("Document {DocumentId} created for office {Office} by {User}", document.Id, office, actor.UserName);
        return document;
    }

    private static async Task<T> Database<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (DatabaseUnavailableException e) { throw DatabaseGuard.Unavailable(e); }
    }
}
