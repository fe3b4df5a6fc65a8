using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Intake;

public sealed record RegisterIncomingLetterRequest(string? Office, string? Number, string? LetterDate, string? Sender, string? Subject,
    string? ReceivedOn, string? Sifat, string? Urgency, UploadedFile? Scan);

/// <summary>
/// Office staff register a received letter in the office's surat masuk register. The scan is optional; when given it
/// is an untrusted upload: checked by our own PDF reader (with its limits) before it is stored, write-once, in the object store.
/// </summary>
public sealed class RegisterIncomingLetterHandler(IIncomingLetterRepository letters, IDocumentRepository documents, VersionUploader uploader,
    IAuditTrail audit, TimeProvider clock, ILogger<RegisterIncomingLetterHandler> logger)
{
    public const string ScanPrefix = "incoming/";

    public async Task<IncomingLetter> HandleAsync(Actor actor, RegisterIncomingLetterRequest request, CancellationToken cancellationToken = default)
    {
        var office = OfficeId.From(request.Office);
        if (office.IsEmpty || !await DatabaseGuard.RunAsync(() => documents.OfficeExistsAsync(office, cancellationToken)) || !actor.CanRead(office))
            throw DocSignProblem.NotFound("Kantor tidak ditemukan.");
        if (!actor.IsStaffOf(office))
            throw DocSignProblem.Forbidden("Hanya staf kantor yang dapat mencatat surat masuk.");
        var number = IncomingAccess.Clean(request.Number, IncomingLetter.MaxNumberLength, "Nomor surat", true)!;
        var letterDate = IncomingAccess.Date(request.LetterDate, "Tanggal surat", true, out _);
        var sender = IncomingAccess.Clean(request.Sender, IncomingLetter.MaxSenderLength, "Asal / pengirim", true)!;
        var subject = IncomingAccess.Clean(request.Subject, IncomingLetter.MaxSubjectLength, "Perihal", true)!;
        var receivedOn = IncomingAccess.Date(request.ReceivedOn, "Tanggal diterima", true, out _);
        if (receivedOn < letterDate)
            throw DocSignProblem.Invalid("Tanggal diterima tidak boleh sebelum tanggal surat.");
        var sifat = string.IsNullOrWhiteSpace(request.Sifat) ? IncomingSifat.Biasa : request.Sifat.Trim();
        if (!IncomingSifat.Security.ContainsKey(sifat))
            throw DocSignProblem.Invalid($"Sifat surat harus salah satu dari: {string.Join(", ", IncomingSifat.Security.Values)}.");
        var urgency = string.IsNullOrWhiteSpace(request.Urgency) ? IncomingSifat.Biasa : request.Urgency.Trim();
        if (!IncomingSifat.Urgencies.ContainsKey(urgency))
            throw DocSignProblem.Invalid($"Derajat kesegeraan harus salah satu dari: {string.Join(", ", IncomingSifat.Urgencies.Values)}.");
        if (request.Scan is not null) uploader.Check(request.Scan, cancellationToken);

        var letter = new IncomingLetter(Guid.NewGuid(), office, number, letterDate, sender, subject, receivedOn, sifat, urgency,
            actor.UserId, actor.UserName, clock.GetUtcNow());
        string? key = null;
        if (request.Scan is not null)
        {
            var stored = await uploader.StoreAsync(request.Scan, $"{ScanPrefix}{office}/{letter.Id:N}/{Guid.NewGuid():N}.pdf", cancellationToken);
            key = stored.Key;
            var name = Path.GetFileName(request.Scan.FileName ?? "").Trim();
            letter.AttachScan(name.Length is 0 or > 255 ? "surat-masuk.pdf" : name, stored.Key, stored.Sha256!, stored.Size);
        }
        letters.Add(letter);
        audit.Record(new AuditEvent(IntakeAuditActions.IncomingRegistered)
            { OfficeId = office, Sha256 = letter.ScanSha256, Detail = $"Surat masuk {number} dari {sender}" });
        try
        {
            await letters.SaveAsync(cancellationToken);
        }
        catch (DatabaseUnavailableException e)
        {
            if (key is not null) await uploader.DiscardAsync(key);
            throw DatabaseGuard.Unavailable(e);
        }
        logger.LogInformation("Incoming letter {LetterId} registered for office {Office} by {User}", letter.Id, office, actor.UserName);
        return letter;
    }
}
