using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Signing;
using DocSign.Core.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Core.Letters;

/// <summary>
/// A person signs a numbered surat pengantar with his own enrolled key and the passphrase (or BSrE TOTP) he types now,
/// as the office's rule names him: the Camat (<see cref="LetterSigner.Camat"/>), or the Sekcam a.n. Camat
/// (<see cref="LetterSigner.Sekcam"/>). The letter's foot names him from his enrolment (jabatan, name, NIP). Only a
/// signature that verifies VALID is stored; a wrong passphrase stores nothing and counts against his key's throttle.
/// No key is held for him: the server never signs a letter in a person's name unattended.
/// </summary>
public sealed class SignCoverLetterHandler(
    ILetterRegister register,
    CreateCoverLetterHandler letters,
    ISignerKeyStore keys,
    ISignatureRecords records,
    ISigningProviders providers,
    ISignatureService engine,
    IPdfVerifier verifier,
    IAuditTrail audit,
    TimeProvider clock,
    IOptions<SigningOptions> options,
    ILogger<SignCoverLetterHandler> logger)
{
    /// <summary>Signs the reserved cover letter <paramref name="letterId"/>.</summary>
    public async Task<Letter> HandleAsync(Actor actor, Guid letterId, string? passphrase, string? totp, CancellationToken cancellationToken = default)
    {
        var letter = await LetterAccess.LoadReadableAsync(register, actor, letterId, cancellationToken);
        if (letter.Kind != LetterKinds.CoverLetter || letter.DocumentId is not { } documentId)
            throw new DocSignProblem(ProblemKind.Conflict, "Hanya surat pengantar buatan DocSign yang ditandatangani di sini.");
        if (letter.Status != LetterStatus.Reserved)
            throw new DocSignProblem(ProblemKind.Conflict, "Surat pengantar ini sudah ditandatangani (atau dibatalkan).");
        var reserved = await LetterAccess.Guard(() => letters.ReserveAsync(documentId, actor.UserName, cancellationToken))
            ?? throw LetterAccess.NotFound();
        return await SignAsync(actor, reserved, passphrase, totp, cancellationToken);
    }

    /// <summary>Signs <paramref name="reserved"/> as <paramref name="actor"/> (also the Camat's "beserta surat pengantarnya" sitting).</summary>
    public async Task<Letter> SignAsync(Actor actor, ReservedCoverLetter reserved, string? passphrase, string? totp, CancellationToken cancellationToken = default)
    {
        var office = reserved.Letter.OfficeId;
        var rule = reserved.Template.Signer;
        var role = rule switch { LetterSigner.Camat => OfficeRole.Camat, LetterSigner.Sekcam => OfficeRole.Sekcam, _ => null };
        if (role is null)
            throw new DocSignProblem(ProblemKind.Conflict, "Surat pengantar kantor ini disegel dengan segel elektronik kantor, bukan ditandatangani perorangan.");
        if (!actor.HasRole(office, role))
            throw DocSignProblem.Forbidden(rule == LetterSigner.Camat
                ? "Menurut aturan kantor, surat pengantar ditandatangani oleh Camat."
                : "Menurut aturan kantor, surat pengantar ditandatangani oleh Sekretaris Kecamatan a.n. Camat.").About(office, reserved.Document.Id, "surat " + reserved.Letter.Number);
        var enrolment = await LetterAccess.Guard(() => keys.FindActiveAsync(actor.UserId, office, SignatureKind.Sign, cancellationToken))
            ?? (rule == LetterSigner.Sekcam ? await LetterAccess.Guard(() => keys.FindActiveAsync(actor.UserId, office, SignatureKind.Paraf, cancellationToken)) : null)
            ?? throw DocSignProblem.Forbidden("Anda belum mendaftarkan kunci tanda tangan untuk kantor ini. Daftarkan dahulu di halaman Penanda Tangan.");
        if (string.IsNullOrEmpty(passphrase) && string.IsNullOrEmpty(totp))
            throw DocSignProblem.Invalid("Passphrase wajib diisi untuk setiap tanda tangan.");
        var now = clock.GetUtcNow();
        if (!enrolment.AuthorityCovers(StampText.DayOf(now)))
            throw DocSignProblem.Forbidden($"Kewenangan {enrolment.Authority.Prefix()} Anda menurut SK {enrolment.DecreeNumber} tidak berlaku hari ini; surat pengantar tidak ditandatangani.");
        if (now < enrolment.NotBefore || now > enrolment.NotAfter)
            throw DocSignProblem.Forbidden($"Sertifikat Anda berlaku {StampText.FormatDate(enrolment.NotBefore)} sampai {StampText.FormatDate(enrolment.NotAfter)}; daftarkan kunci yang masih berlaku.");

        var officeName = await LetterAccess.Guard(() => records.OfficeNameAsync(office, cancellationToken)) ?? office;
        // The foot comes from his own record: the Camat as enrolled (definitif, Plt., Plh.), the Sekcam a.n. Camat.
        var sender = rule == LetterSigner.Sekcam
            ? new LetterSender(LetterSenderKind.AtasNama, StampText.HeadOf(officeName), enrolment.Jabatan, enrolment.SignerName, enrolment.Nip,
                enrolment.DecreeNumber, enrolment.PeriodFrom, enrolment.PeriodTo, Source: $"enrolment {enrolment.Id:N}")
            : LetterSender.FromEnrolment(enrolment, officeName);
        var title = sender.TitleLines();
        var certificate = new LetterCertificate(enrolment.SignerName, enrolment.IssuerName, enrolment.CertificateIssuer);

        var attempt = await LetterAccess.Guard(() => keys.BeginPassphraseAttemptAsync(enrolment,
            (failed, last) => PassphraseThrottle.WaitBeforeNextAttempt(failed, last, options.Value, now), now, cancellationToken));
        if (!attempt.Allowed)
            throw DocSignProblem.Throttled(attempt.Wait, $"Terlalu banyak passphrase salah. Tunggu {Math.Ceiling(attempt.Wait.TotalSeconds):0} detik; surat tidak ditandatangani.");

        var level = engine.TimestampingAvailable ? SignatureLevel.BT : SignatureLevel.BB;
        var credential = enrolment.Credential(passphrase, totp);
        try
        {
            var letter = await letters.IssueAsync(reserved, sender, certificate, actor.UserName, async (pdf, reason, ct) =>
            {
                using var input = new MemoryStream(pdf, writable: false);
                using var output = new MemoryStream();
                var request = new SignatureRequest
                {
                    Level = level, Reason = reason, Location = reserved.Template.Place, SignerName = enrolment.SignerName, SigningTime = now,
                };
                var outcome = await providers.SignAsync(input, output, request, credential, enrolment.Expected, ct);
                var bytes = output.ToArray();
                await RequireValidAsync(bytes, outcome, ct);
                enrolment.RecordGoodPassphrase();
                return bytes;
            }, cancellationToken);
            audit.Record(new AuditEvent(AuditActions.Signed)
            {
                OfficeId = office, DocumentId = reserved.Document.Id, Sha256 = letter.Sha256,
                Detail = $"surat pengantar {letter.Number} signed by {enrolment.SignerName} ({string.Join(" / ", title)})",
            });
            await LetterAccess.Guard(async () => { await keys.SaveAsync(cancellationToken); return true; });
            logger.LogInformation("Surat pengantar {Number} signed by {User} ({Rule})", letter.Number, actor.UserName, rule.ToWire());
            return letter;
        }
        catch (SignatureServiceException e) when (e.Failure == SignatureFailure.WrongPassphrase)
        {
            audit.Record(new AuditEvent(AuditActions.SignFailed, AuditOutcome.Failed)
            {
                OfficeId = office, DocumentId = reserved.Document.Id, Detail = $"surat pengantar {reserved.Letter.Number}: wrong passphrase",
            });
            try { await keys.SaveAsync(CancellationToken.None); }
            catch (DatabaseUnavailableException db) { logger.LogWarning("Could not audit a wrong passphrase: {Reason}", db.Message); }
            throw DocSignProblem.Invalid((e is RemoteSignerException remote ? remote.Message + "\n" : "Passphrase salah. ")
                + "Surat pengantar tidak ditandatangani dan tidak ada yang disimpan; nomornya tetap.");
        }
        catch (SignatureServiceException e)
        {
            await ReleaseAsync(enrolment);
            logger.LogWarning("Signing surat pengantar {Number} by {User} failed: {Failure}", reserved.Letter.Number, actor.UserName, e.Failure);
            throw new DocSignProblem(e.Failure is SignatureFailure.ServiceUnavailable or SignatureFailure.NotConfigured or SignatureFailure.Other
                ? ProblemKind.Unavailable : ProblemKind.Invalid, e.Message + " Surat pengantar tidak ditandatangani; nomornya tetap.", e);
        }
        catch (DocSignProblem)
        {
            await ReleaseAsync(enrolment);
            throw;
        }
    }

    private async Task RequireValidAsync(byte[] signed, SignatureOutcome outcome, CancellationToken cancellationToken)
    {
        VerificationResult? verification = null;
        try
        {
            using var check = new MemoryStream(signed, writable: false);
            verification = await verifier.VerifyAsync(check, null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Verification of a new letter signature failed");
        }
        var mine = verification?.Signatures.FirstOrDefault(s => s.Field == outcome.FieldName) ?? verification?.Signatures.LastOrDefault();
        if (mine?.Indication != "TOTAL_PASSED")
            throw new DocSignProblem(ProblemKind.Unavailable, "Tanda tangan surat pengantar tidak dapat dipastikan sah saat ini; tidak ada yang disimpan. Silakan coba lagi.");
    }

    private async Task ReleaseAsync(SignerEnrolment enrolment)
    {
        try { await keys.ReleasePassphraseAttemptAsync(enrolment, CancellationToken.None); }
        catch (DatabaseUnavailableException e) { logger.LogWarning("Could not give back a passphrase attempt: {Reason}", e.Message); }
    }
}
