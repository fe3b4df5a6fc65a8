using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocSign.Core.Access;
using DocSign.Core.Archive;
using DocSign.Core.Audit;
using DocSign.Core.Calendar;
using DocSign.Core.Documents;
using DocSign.Core.Letters;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Verification;
using DocSign.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Intake;

/// <summary>The package: a ZIP's bytes and the name to offer.</summary>
public sealed record HandOffPackage(byte[] Zip, string FileName, string ManifestSha256);

/// <summary>
/// One click, one package for the Inspektorat, e-SAKIP and SRIKANDI: the signed document, its cover letters and
/// receipts, the verification report (PDF and JSON) of the signed version, the SOP log with its findings, and
/// manifest.json (SHA-256, size, media type and metadata of each file; the document; the signer; times in the
/// office's zone). The manifest is sealed: a sheet listing it, carrying its SHA-256, is signed with the office's
/// e-seal (<c>manifest-segel.pdf</c>). Office members and the office's auditors may download it (another office: 404);
/// every download is audited before the bytes leave.
/// </summary>
public sealed class DownloadHandOffHandler(
    GetDossierHandler dossiers, IWorkflowRepository workflows, IObjectStore store, IPdfVerifier verifier, ILetterSigner sealer,
    IHandOffSheetRenderer renderer, OfficeCalendars calendars, IAuditTrail audit, TimeProvider clock, ILogger<DownloadHandOffHandler> logger)
{
    public const string ManifestName = "manifest.json";
    public const string SealName = "manifest-segel.pdf";
    public const string KeywordPrefix = "docsign-manifest-sha256:";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<HandOffPackage> HandleAsync(Actor actor, Guid documentId, CancellationToken cancellationToken = default)
    {
        var dossier = await dossiers.HandleAsync(actor, documentId, cancellationToken);
        var document = dossier.Document;
        var signed = document.Versions.Where(v => v.Stage == VersionStage.Signed).MaxBy(v => v.Number)
            ?? throw new DocSignProblem(ProblemKind.Conflict, "Dokumen ini belum ditandatangani; paket serah terima dibuat dari versi bertanda tangan.");
        var zone = (await calendars.ForOfficeAsync(document.OfficeId, cancellationToken)).Zone;
        string Local(DateTimeOffset? at) => at is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz") : "";

        var files = new List<(HandOffFile File, byte[] Bytes, JsonObject Metadata)>();
        void Add(string name, string mediaType, byte[] bytes, string description, JsonObject metadata) =>
            files.Add((new HandOffFile(name, mediaType, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length, description), bytes, metadata));

        var signedBytes = await ReadAsync(signed.ObjectKey, cancellationToken);
        Add($"01-dokumen-bertanda-tangan-v{signed.Number}.pdf", "application/pdf", signedBytes, "Dokumen bertanda tangan elektronik",
            new JsonObject { ["versionNumber"] = signed.Number, ["stage"] = signed.Stage.ToWire(), ["uploadedBy"] = signed.UploadedBy, ["uploadedAt"] = Local(signed.UploadedAt) });

        var letterNo = 0;
        foreach (var letter in dossier.Letters.Where(l => l.Status != LetterStatus.Void).OrderBy(l => l.Year).ThenBy(l => l.Sequence).ThenBy(l => l.Insert))
        {
            letterNo++;
            var meta = new JsonObject
            {
                ["number"] = letter.Number, ["letterDate"] = letter.LetterDate.ToString("yyyy-MM-dd"), ["subject"] = letter.Subject,
                ["addressee"] = letter.Addressee, ["status"] = letter.Status.ToWire(), ["dispatchedAt"] = Local(letter.DispatchedAt),
            };
            if (letter.ObjectKey is not null)
                Add($"02-surat-pengantar-{letterNo}.pdf", "application/pdf", await ReadAsync(letter.ObjectKey, cancellationToken), $"Surat pengantar {letter.Number}", meta);
            if (letter.ReceiptKey is not null)
            {
                var type = letter.ReceiptContentType ?? "application/pdf";
                Add($"03-tanda-terima-{letterNo}.{Extension(type)}", type, await ReadAsync(letter.ReceiptKey, cancellationToken),
                    $"Tanda terima surat {letter.Number}", new JsonObject { ["letterNumber"] = letter.Number, ["by"] = letter.ReceiptBy, ["at"] = Local(letter.ReceiptAt) });
            }
        }

        // The verification report of the signed version, from the one verifier (PDF for people, JSON for systems).
        using var signedStream = new MemoryStream(signedBytes, writable: false);
        var (verification, report) = await verifier.ReportAsync(signedStream, files[0].File.Name, VerificationReportFormat.Pdf, new Calendar.OfficeTime(zone), cancellationToken);
        var verdict = new JsonObject { ["verdict"] = verification.Verdict, ["verifiedAt"] = Local(verification.VerifiedAt), ["ofFile"] = files[0].File.Name };
        Add("04-laporan-verifikasi.pdf", report.ContentType, report.Content, "Laporan verifikasi tanda tangan (PDF)", verdict.DeepClone().AsObject());
        Add("04-laporan-verifikasi.json", "application/json", JsonSerializer.SerializeToUtf8Bytes(verification.Report, Indented),
            "Laporan verifikasi tanda tangan (JSON, format docsign verify --json)", verdict);

        var instance = await DatabaseGuard.RunAsync(() => workflows.FindByDocumentAsync(document.Id, cancellationToken));
        if (instance is not null)
            Add("05-log-sop.json", "application/json", SopLog(instance, Local), "Log SOP dengan catatan reviu",
                new JsonObject { ["template"] = instance.TemplateKey, ["status"] = instance.Status == WorkflowStatus.Completed ? "completed" : "running" });

        var signer = verification.Signatures.LastOrDefault();
        var now = clock.GetUtcNow();
        var manifest = new JsonObject
        {
            ["format"] = "docsign-handoff/1",
            ["document"] = new JsonObject
            {
                ["id"] = document.Id.ToString(), ["title"] = document.Title, ["office"] = document.OfficeId, ["kind"] = document.Kind, ["year"] = document.Year,
                ["createdBy"] = document.CreatedBy, ["createdAt"] = Local(document.CreatedAt),
            },
            ["signer"] = signer is null ? null : new JsonObject
            {
                ["name"] = signer.SignerName, ["nip"] = signer.Nip, ["jabatan"] = signer.Jabatan, ["issuer"] = signer.Issuer,
                ["signedAt"] = Local(signer.TimestampTime ?? signer.ClaimedSigningTime), ["verdict"] = verification.Verdict,
            },
            ["timeZone"] = zone.Id,
            ["createdAt"] = Local(now),
            ["createdBy"] = actor.UserName,
            ["seal"] = new JsonObject { ["file"] = SealName, ["method"] = "PAdES e-segel kantor atas lembar manifes yang memuat SHA-256 manifest.json (juga di Keywords PDF)" },
            ["files"] = new JsonArray(files.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.File.Name, ["sha256"] = f.File.Sha256, ["size"] = f.File.Size, ["mediaType"] = f.File.MediaType,
                ["description"] = f.File.Description, ["metadata"] = f.Metadata.DeepClone(),
            }).ToArray()),
        };
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Indented);
        var manifestSha = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));

        var sheet = renderer.Render(new HandOffSheet(document.Id.ToString(), document.Title, document.OfficeId, document.Year, Local(now), actor.UserName,
            files.Select(f => f.File).ToList(), manifestSha));
        byte[] seal;
        try
        {
            seal = await sealer.SignAsync(document.OfficeId, LetterSigner.Seal, sheet, "Segel manifes paket serah terima", document.OfficeId, cancellationToken);
        }
        catch (LetterSigningUnavailableException e)
        {
            logger.LogWarning(e, "Hand-off of document {DocumentId}: the office seal is unavailable", document.Id);
            throw new DocSignProblem(ProblemKind.Unavailable, "Segel elektronik kantor belum dapat dipakai, sehingga paket serah terima belum dapat dibuat. Hubungi admin.", e);
        }

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (file, bytes, _) in files) Put(archive, file.Name, bytes, now);
            Put(archive, ManifestName, manifestBytes, now);
            Put(archive, SealName, seal, now);
        }

        // Recorded before the bytes leave: a package whose download cannot be recorded is not handed out.
        await audit.RecordNowAsync(new AuditEvent(IntakeAuditActions.HandOffDownloaded)
        {
            OfficeId = document.OfficeId, DocumentId = document.Id, VersionNumber = signed.Number, Sha256 = manifestSha,
            Detail = $"Paket serah terima: {files.Count} berkas, manifes bersegel",
        }, cancellationToken);
        logger.LogInformation("Hand-off package of document {DocumentId} ({Files} files) by {User}", document.Id, files.Count, actor.UserName);
        return new HandOffPackage(zip.ToArray(), $"paket-serah-terima-{document.OfficeId}-{document.Year}-{document.Id:N}.zip", manifestSha);
    }

    private async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await store.OpenReadAsync(key, cancellationToken);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        catch (ObjectStoreException e)
        {
            throw new DocSignProblem(ProblemKind.Unavailable, "Salah satu berkas paket tidak dapat dibaca dari penyimpanan. Hubungi admin.", e);
        }
    }

    private static byte[] SopLog(WorkflowInstance instance, Func<DateTimeOffset?, string> local)
    {
        var sop = SopTemplateLoader.Find(instance.TemplateKey);
        var log = new JsonObject
        {
            ["template"] = instance.TemplateKey, ["sopNumber"] = sop?.Number, ["sopName"] = sop?.Name,
            ["startedAt"] = local(instance.StartedAt), ["completedAt"] = local(instance.CompletedAt),
            ["log"] = new JsonArray(instance.Log.OrderBy(e => e.Sequence).Select(e => (JsonNode)new JsonObject
            {
                ["sequence"] = e.Sequence, ["kind"] = e.Kind, ["step"] = sop?.FindStep(e.StepId) is { } s ? $"{s.Number}. {s.Text}" : e.StepId,
                ["by"] = e.ActorName, ["at"] = local(e.At), ["versionNumber"] = e.VersionNumber, ["note"] = e.Note,
            }).ToArray()),
            ["findings"] = new JsonArray(instance.Findings.OrderBy(f => f.Number).Select(f => (JsonNode)new JsonObject
            {
                ["number"] = f.Number, ["text"] = f.Text, ["raisedBy"] = f.RaisedBy, ["raisedAt"] = local(f.RaisedAt),
                ["answerVersionNumber"] = f.AnswerVersionNumber, ["answerNote"] = f.AnswerNote, ["answeredBy"] = f.AnsweredBy, ["answeredAt"] = local(f.AnsweredAt),
            }).ToArray()),
        };
        return JsonSerializer.SerializeToUtf8Bytes(log, Indented);
    }

    private static void Put(ZipArchive archive, string name, byte[] bytes, DateTimeOffset at)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    private static string Extension(string mediaType) => mediaType switch
    {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "pdf",
    };
}
