using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using DocSign.Core.Verification;

namespace DocSign.Core.Signing;

/// <summary>
/// The Camat signs the version the SOP put to him (or the Sekcam/Kasubbag parafs it first, where the office asks
/// for a paraf): with his enrolled key and the passphrase he types now, at the office's PAdES level, with a visible
/// stamp whose QR code leads to the public verification page of the new version. The result is a new version
/// (never an overwrite); the signature record, the workflow step and the audit event are saved in the same
/// transaction. A wrong passphrase signs and stores nothing, and repeated ones are slowed down.
/// </summary>
public sealed class SignDocumentHandler(
    IDocumentRepository documents,
    IObjectStore store,
    VersionUploader uploader,
    ISignerKeyStore keys,
    ISignatureRecords records,
    ISignatureService engine,
    ISigningProviders providers,
    IPdfVerifier verifier,
    ISigningWorkflow workflow,
    IAuditTrail audit,
    VerdictCache verdicts,
    StandIns.HeadOfOffice head,
    TimeProvider clock,
    IOptions<SigningOptions> options,
    ILogger<SignDocumentHandler> logger)
{
    /// <summary>Smallest stamp that stays legible (points).</summary>
    public const double MinWidth = 120, MinHeight = 50;

    public async Task<SignDocumentResult> HandleAsync(Actor actor, SignDocumentRequest request, CancellationToken cancellationToken = default)
    {
        var gate = await OpenGateAsync(actor, request.DocumentId, request.Kind, cancellationToken);
        CheckSecretAndWait(gate, request.Passphrase, request.Totp);
        var level = LevelFor(gate);
        var explicitBox = request.Box();
        await using var prepared = await PrepareAsync(gate, level, explicitBox, cancellationToken);
        await BeginAttemptAsync(gate, cancellationToken);

        SignatureOutcome outcome;
        try
        {
            prepared.Input.Position = 0;
            // Who signs is the enrolment's provider (PKCS#12, PKCS#11, BSrE); a remote signer's answer is checked before use.
            outcome = await providers.SignAsync(prepared.Input, prepared.Output, prepared.Request,
                gate.Enrolment.Credential(request.Passphrase, request.Totp), gate.Enrolment.Expected, cancellationToken);
        }
        catch (SignatureServiceException e)
        {
            throw await SigningFailedAsync(actor, gate, e);
        }
        return await FinishAsync(actor, prepared, outcome, cancellationToken);
    }

    /// <summary>
    /// The gate before anything is read or signed: who may sign this document, with which enrolment, which version is put
    /// to him, and whether his authority and certificate cover today. Throws the refusal the signer is shown.
    /// </summary>
    internal async Task<SigningGate> OpenGateAsync(Actor actor, Guid documentId, SignatureKind kind, CancellationToken cancellationToken)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken);
        var office = document.OfficeId;

        // Who may: only the office's Camat signs (or the Plh./Plt. in force, and then not the Camat); only its Sekcam or Kasubbag parafs.
        var standIn = kind == SignatureKind.Sign ? await head.StandInAtAsync(office, clock.GetUtcNow(), cancellationToken) : null;
        if (kind == SignatureKind.Sign && !StandIns.HeadOfOffice.MaySign(actor, office, standIn))
            throw Refuse(actor, document, StandIns.HeadOfOffice.WhoSigns(standIn));
        if (kind == SignatureKind.Paraf && !actor.HasRole(office, [.. EnrolSignerHandler.ParafRoles]))
            throw Refuse(actor, document, "Hanya Sekcam atau Kasubbag kantor ini yang dapat memberi paraf.");

        var policy = await Database(() => records.FindPolicyAsync(office, cancellationToken));
        var parafRequired = policy?.ParafRequired ?? false;
        if (kind == SignatureKind.Paraf && !parafRequired)
            throw new DocSignProblem(ProblemKind.Conflict, "Kantor ini tidak memakai paraf elektronik sebelum tanda tangan Camat.");

        var enrolment = await Database(() => keys.FindActiveAsync(actor.UserId, office, kind, cancellationToken));
        if (enrolment is null)
            throw Refuse(actor, document, kind == SignatureKind.Sign
                ? "Anda belum mendaftarkan kunci tanda tangan (PKCS#12) untuk kantor ini. Daftarkan dahulu di halaman Penanda Tangan."
                : "Anda belum mendaftarkan kunci paraf (PKCS#12) untuk kantor ini.");

        var pendingNumber = await workflow.PendingVersionAsync(document, kind, cancellationToken);
        var pending = pendingNumber is { } n ? document.Versions.FirstOrDefault(v => v.Number == n) : null;
        if (pending is null)
            throw new DocSignProblem(ProblemKind.Conflict, kind == SignatureKind.Sign
                ? "Belum ada versi final yang diajukan kepada Camat untuk ditandatangani."
                : "Belum ada versi final yang diajukan untuk diparaf.");
        var earlier = await Database(() => records.ListForDocumentAsync(document.Id, cancellationToken));
        if (earlier.Any(r => r.SourceVersionNumber == pending.Number && r.Kind == kind))
            throw new DocSignProblem(ProblemKind.Conflict, "Versi ini sudah ditandatangani; muat ulang dokumen.");
        if (kind == SignatureKind.Sign && parafRequired && !earlier.Any(r => r.VersionNumber == pending.Number && r.Kind == SignatureKind.Paraf))
            throw new DocSignProblem(ProblemKind.Conflict, "Kantor ini mewajibkan paraf Sekcam atau Kasubbag sebelum tanda tangan Camat; versi ini belum diparaf.");

        var now = clock.GetUtcNow();
        var today = StampText.DayOf(now);
        if (!enrolment.AuthorityCovers(today))
        {
            var message = $"Kewenangan {enrolment.Authority.Prefix()} Anda menurut SK {enrolment.DecreeNumber} berlaku "
                          + $"{(enrolment.PeriodFrom is { } f ? StampText.FormatDate(f) : "?")} sampai {(enrolment.PeriodTo is { } t ? StampText.FormatDate(t) : "?")}; "
                          + "penandatanganan di luar masa itu ditolak. Tidak ada yang ditandatangani.";
            throw Refuse(actor, document, message);
        }
        if (now < enrolment.NotBefore || now > enrolment.NotAfter)
            throw Refuse(actor, document, $"Sertifikat Anda berlaku {StampText.FormatDate(enrolment.NotBefore)} sampai {StampText.FormatDate(enrolment.NotAfter)}; daftarkan kunci yang masih berlaku.");
        return new SigningGate(document, kind, policy, enrolment, pending, now, standIn);
    }

    /// <summary>The title of a document the actor may read (to name it in a refusal), or null.</summary>
    internal async Task<string?> TitleOfAsync(Actor actor, Guid documentId, CancellationToken cancellationToken)
    {
        try { return (await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken)).Title; }
        catch (DocSignProblem) { return null; }
    }

    /// <summary>A passphrase or TOTP is typed for each signing (once for a batch), and a throttled signer waits first.</summary>
    internal void CheckSecretAndWait(SigningGate gate, string? passphrase, string? totp)
    {
        if (string.IsNullOrEmpty(passphrase) && string.IsNullOrEmpty(totp))
            throw DocSignProblem.Invalid("Passphrase wajib diisi untuk setiap tanda tangan.");
        var wait = PassphraseThrottle.WaitBeforeNextAttempt(gate.Enrolment, options.Value, gate.Now);
        if (wait > TimeSpan.Zero) throw Throttled(wait);
    }

    /// <summary>The office's PAdES level (B-LTA with a TSA); a paraf stops at B-T.</summary>
    internal SignatureLevel LevelFor(SigningGate gate)
    {
        var level = gate.Policy?.Level ?? (engine.TimestampingAvailable ? SignatureLevel.BLTA : SignatureLevel.BB);
        // A paraf stops at B-T: the Camat's B-LT/B-LTA extension that follows collects the validation data of every
        // signature and time-stamps them all (and the engine cannot yet put a new B-LTA signature over a B-LTA file).
        if (gate.Kind == SignatureKind.Paraf && level > SignatureLevel.BT) level = SignatureLevel.BT;
        if (level.NeedsTimestamp() && !engine.TimestampingAvailable)
            throw new DocSignProblem(ProblemKind.Unavailable, $"Level {level.ToWire()} memerlukan layanan stempel waktu (TSA) yang belum dikonfigurasi di server. Hubungi admin.");
        return level;
    }

    /// <summary>Reads the pending version into a work file and builds what to sign: stamp, QR to the new public page, texts.</summary>
    internal async Task<PreparedDocumentSignature> PrepareAsync(SigningGate gate, SignatureLevel level, StampPlacement? explicitBox, CancellationToken cancellationToken)
    {
        var (document, kind, pending, enrolment, now) = (gate.Document, gate.Kind, gate.Pending, gate.Enrolment, gate.Now);
        var officeName = await Database(() => records.OfficeNameAsync(document.OfficeId, cancellationToken)) ?? document.OfficeId;

        // Work files: the pending version and the signed output, removed whatever happens.
        var input = TempFile();
        var output = TempFile();
        try
        {
            try
            {
                await using var stored = await store.OpenReadAsync(pending.ObjectKey, cancellationToken);
                await stored.CopyToAsync(input, cancellationToken);
            }
            catch (StorageUnavailableException e) { throw DocSignProblem.Unavailable(e); }
            catch (ObjectNotFoundException e)
            {
                logger.LogError(e, "Object {Key} of version {Number} of document {DocumentId} is missing", pending.ObjectKey, pending.Number, document.Id);
                throw new DocSignProblem(ProblemKind.Unavailable, "Isi versi yang akan ditandatangani tidak dapat dibaca dari penyimpanan. Hubungi admin.", e);
            }

            StampPlacement? box = explicitBox;
            if (box is null && kind == SignatureKind.Sign)
            {
                input.Position = 0;
                try { box = engine.Layout(input).DefaultBox; }
                catch (SignatureServiceException e) { throw DocSignProblem.Invalid(e.Message); }
            }

            var publicId = StampText.NewPublicId();
            var publicUrl = StampText.PublicUrl(options.Value.PublicBaseUrl, publicId);
            var signRequest = new SignatureRequest
            {
                Level = level,
                Box = box,
                Lines = StampText.Lines(enrolment, officeName, kind, now, gate.StandIn),
                Footer = StampText.Footer(enrolment),
                QrUrl = publicUrl,
                Reason = kind == SignatureKind.Sign ? options.Value.SignReason : options.Value.ParafReason,
                Location = officeName,
                SignerName = enrolment.SignerName,
                SigningTime = now,
            };
            return new PreparedDocumentSignature(gate, input, output, signRequest, publicId, publicUrl, box, officeName);
        }
        catch
        {
            await input.DisposeAsync();
            await output.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Counts the passphrase attempt before the passphrase is tried (once per signing, once per batch), under a lock on the
    /// enrolment's row, so that parallel requests cannot all pass the check; one that never reaches the passphrase is given back.
    /// </summary>
    internal async Task BeginAttemptAsync(SigningGate gate, CancellationToken cancellationToken)
    {
        var now = gate.Now;
        var attempt = await Database(() => keys.BeginPassphraseAttemptAsync(gate.Enrolment,
            (failed, last) => PassphraseThrottle.WaitBeforeNextAttempt(failed, last, options.Value, now), now, cancellationToken));
        if (!attempt.Allowed) throw Throttled(attempt.Wait);
    }

    /// <summary>The provider accepted the secret (a batch whose documents may still fail one by one): the attempt is no failure.</summary>
    internal async Task PassphraseAcceptedAsync(SigningGate gate)
    {
        gate.Enrolment.RecordGoodPassphrase();
        try { await keys.SaveAsync(CancellationToken.None); }
        catch (DatabaseUnavailableException e) { logger.LogWarning("Could not reset the passphrase counter: {Reason}", e.Message); }
    }

    /// <summary>
    /// The provider refused or failed: a wrong passphrase is audited and kept counted; anything else gives the attempt back,
    /// is audited, and becomes the problem the signer reads (a remote signer's own words first).
    /// </summary>
    internal async Task<DocSignProblem> SigningFailedAsync(Actor actor, SigningGate gate, SignatureServiceException e, string? batchNote = null)
    {
        var (document, pending, enrolment, now) = (gate.Document, gate.Pending, gate.Enrolment, gate.Now);
        var office = document.OfficeId;
        if (e.Failure == SignatureFailure.WrongPassphrase)
        {
            var left = PassphraseThrottle.FreeAttemptsLeft(enrolment, options.Value, now);
            audit.Record(new AuditEvent(AuditActions.SignFailed, AuditOutcome.Failed)
            {
                OfficeId = office, DocumentId = document.Id, VersionNumber = pending.Number, Sha256 = pending.Sha256,
                Detail = $"wrong passphrase ({enrolment.FailedAttempts} in a row){batchNote}",
            });
            try { await keys.SaveAsync(CancellationToken.None); }
            catch (DatabaseUnavailableException db) { logger.LogWarning("Could not audit a wrong passphrase: {Reason}", db.Message); }
            logger.LogInformation("Signing of document {DocumentId} refused: wrong passphrase for {User} ({Count} in a row)", document.Id, actor.UserName, enrolment.FailedAttempts);
            var next = PassphraseThrottle.WaitBeforeNextAttempt(enrolment, options.Value, now);
            return DocSignProblem.Invalid((e is RemoteSignerException bsre ? bsre.Message + "\n" : "Passphrase salah. Tidak ada yang ditandatangani dan tidak ada yang disimpan. ")
                + (next > TimeSpan.Zero
                    ? $"Percobaan berikutnya dapat dilakukan setelah {Math.Ceiling(next.TotalSeconds):0} detik."
                    : $"Sisa percobaan sebelum harus menunggu: {left}."));
        }

        await GiveBackAttemptAsync(enrolment);
        logger.LogWarning("Signing of document {DocumentId} by {User} failed: {Failure}: {Reason}", document.Id, actor.UserName, e.Failure, e.Message);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.SignFailed, AuditOutcome.Failed)
        {
            OfficeId = office, DocumentId = document.Id, VersionNumber = pending.Number, Sha256 = pending.Sha256, Detail = e.Failure + batchNote,
        }, CancellationToken.None);
        return e is RemoteSignerException remote
            ? new DocSignProblem(e.Failure is SignatureFailure.ServiceUnavailable or SignatureFailure.NotConfigured ? ProblemKind.Unavailable : ProblemKind.Invalid, remote.Message, e)
            : e.Failure switch
        {
            SignatureFailure.ServiceUnavailable => new DocSignProblem(ProblemKind.Unavailable, e.Message + " Tidak ada yang disimpan; silakan coba lagi.", e),
            SignatureFailure.NotConfigured => new DocSignProblem(ProblemKind.Unavailable, e.Message, e),
            SignatureFailure.Other => new DocSignProblem(ProblemKind.Unavailable, "Penandatanganan gagal karena kesalahan server. Tidak ada yang disimpan.", e),
            _ => new DocSignProblem(ProblemKind.Invalid, e.Message, e),
        };
    }

    /// <summary>
    /// After the provider signed: the signature must verify VALID right away, then the signed bytes become a new version with
    /// its record, the workflow step and the audit event in one transaction. Anything else stores nothing.
    /// </summary>
    internal async Task<SignDocumentResult> FinishAsync(Actor actor, PreparedDocumentSignature prepared, SignatureOutcome outcome, CancellationToken cancellationToken)
    {
        var (document, kind, pending, enrolment, now) = (prepared.Gate.Document, prepared.Gate.Kind, prepared.Gate.Pending, prepared.Gate.Enrolment, prepared.Gate.Now);
        var office = document.OfficeId;
        var output = prepared.Output;
        var (publicId, publicUrl, box, officeName) = (prepared.PublicId, prepared.PublicUrl, prepared.Box, prepared.OfficeName);

        // Only a signature that verifies VALID right away is the signer's: anything else stores nothing and leaves the step open.
        var verification = await VerifyOwnSignatureAsync(actor, document, pending, enrolment, outcome, output, cancellationToken);

        // Store: the signed bytes as a new version, its record, the workflow step and the audit event in one transaction.
        output.Position = 0;
        var stage = kind == SignatureKind.Sign ? VersionStage.Signed : VersionStage.Paraf;
        var note = kind == SignatureKind.Sign
            ? $"Ditandatangani oleh {enrolment.SignerName} ({outcome.Level.ToWire()}) dari versi {pending.Number}"
            : $"Diparaf oleh {enrolment.SignerName} dari versi {pending.Number}";
        DocumentVersion? appended = null;
        DocumentVersion version;
        SignatureRecord? record = null;
        try
        {
            (version, record) = await records.InTransactionAsync(async () =>
            {
                var v = await uploader.AppendVersionAsync(document, stage, actor.UserName, note,
                    new UploadedFile(output, output.Length, $"signed-{document.Id:N}.pdf"), cancellationToken);
                appended = v;
                if (v.Number != pending.Number + 1)
                {
                    // Someone added a version while we signed: the signature would not be on the latest version.
                    throw new DocSignProblem(ProblemKind.Conflict, "Dokumen berubah selama penandatanganan. Muat ulang dokumen, lalu tandatangani lagi.");
                }
                var r = new SignatureRecord(Guid.NewGuid(), publicId, document.Id, office, v.Number, pending.Number, kind, enrolment,
                    actor.UserId, string.Join(" / ", StampText.JabatanLines(enrolment, officeName, kind, prepared.Gate.StandIn)), outcome.Level, now, outcome.TimestampTime,
                    v.Sha256, v.Size, outcome.FieldName, box);
                records.Add(r);
                await workflow.RecordAsync(actor, document, kind, v, r, cancellationToken);
                enrolment.RecordGoodPassphrase();
                audit.Record(new AuditEvent(AuditActions.Signed)
                {
                    OfficeId = office, DocumentId = document.Id, VersionNumber = v.Number, Sha256 = v.Sha256,
                    Detail = $"{kind.ToWire()} by {enrolment.SignerName} ({r.Jabatan}), {outcome.Level.ToWire()}, from version {pending.Number}, public id {publicId}",
                });
                await records.SaveAsync(cancellationToken);
                return (v, r);
            }, cancellationToken);
        }
        catch (SignatureAlreadyRecordedException e)
        {
            throw new DocSignProblem(ProblemKind.Conflict, "Versi ini baru saja ditandatangani dalam permintaan lain. Muat ulang dokumen.", e);
        }
        catch (DatabaseUnavailableException e)
        {
            throw new DocSignProblem(ProblemKind.Unavailable, "Basis data sedang tidak dapat dihubungi. Tidak ada yang disimpan; silakan coba lagi.", e);
        }
        finally
        {
            // A rolled-back transaction leaves the stored bytes without a row: remove them now (the sweeper would later).
            if (record is null && appended is not null) await uploader.DiscardAsync(appended.ObjectKey);
        }
        logger.LogInformation("Document {DocumentId} version {Number} {Kind} by {User} at {Level}", document.Id, version.Number, kind.ToWire(), actor.UserName, outcome.Level.ToWire());

        // The answer carries the verification of exactly the stored bytes.
        verdicts.Put(publicId, verification);
        return new SignDocumentResult(version, record!, publicUrl, verification);
    }

    /// <summary>
    /// Verifies the signature just made, as the public page and an auditor will. Not VALID (or not checkable now): the
    /// attempt is given back, the refusal audited, and the signer told why; nothing has been stored yet.
    /// </summary>
    private async Task<VerificationResult> VerifyOwnSignatureAsync(Actor actor, Document document, DocumentVersion pending,
        SignerEnrolment enrolment, SignatureOutcome outcome, Stream output, CancellationToken cancellationToken)
    {
        VerificationResult? verification = null;
        try
        {
            output.Position = 0;
            verification = await verifier.VerifyAsync(output, null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Verification of the new signature on {DocumentId} failed", document.Id);
        }
        var mine = verification?.Signatures.FirstOrDefault(s => s.Field == outcome.FieldName) ?? verification?.Signatures.LastOrDefault();
        if (verification is not null && mine?.Indication == "TOTAL_PASSED") return verification;

        await GiveBackAttemptAsync(enrolment);
        var why = mine is null ? "not verified" : $"{mine.Indication}/{mine.SubIndication}";
        logger.LogWarning("Signature by {User} on {DocumentId} not stored: its own verification was {Result}", actor.UserName, document.Id, why);
        await audit.RecordNowAsync(new AuditEvent(AuditActions.SignFailed, AuditOutcome.Failed)
        {
            OfficeId = document.OfficeId, DocumentId = document.Id, VersionNumber = pending.Number, Sha256 = pending.Sha256,
            Detail = $"own verification {why}: nothing stored",
        }, CancellationToken.None);
        const string nothing = " Tidak ada yang disimpan sebagai ditandatangani, langkah SOP tetap terbuka dan tidak ada surat yang dibuat.";
        throw mine is null || mine.SubIndication == "TRY_LATER"
            ? new DocSignProblem(ProblemKind.Unavailable, "Tanda tangan baru tidak dapat diperiksa saat ini (layanan status sertifikat tidak menjawab)." + nothing + " Silakan coba lagi.")
            : DocSignProblem.Invalid("Tanda tangan baru tidak sah menurut pemeriksaan: " + NotValidReason(mine.SubIndication) + "." + nothing + " Hubungi admin untuk sertifikat Anda.");
    }

    /// <summary>Why a signature is not VALID, in words for the signer (the codes stay in the log and the audit trail).</summary>
    private static string NotValidReason(string? subIndication) => subIndication switch
    {
        "NO_CERTIFICATE_CHAIN_FOUND" or "CHAIN_CONSTRAINTS_FAILURE" => "sertifikat Anda tidak diterbitkan oleh penerbit yang dipercaya",
        "REVOKED" or "REVOKED_NO_POE" or "REVOKED_CA_NO_POE" => "sertifikat Anda telah dicabut",
        "OUT_OF_BOUNDS_NO_POE" or "OUT_OF_BOUNDS_NOT_REVOKED" or "EXPIRED" or "NOT_YET_VALID" => "sertifikat Anda tidak berlaku pada saat penandatanganan",
        "SIG_CRYPTO_FAILURE" or "HASH_FAILURE" => "tanda tangan tidak cocok dengan isi dokumen",
        _ => "keabsahannya tidak dapat dipastikan",
    };

    private async Task GiveBackAttemptAsync(SignerEnrolment enrolment)
    {
        try { await keys.ReleasePassphraseAttemptAsync(enrolment, CancellationToken.None); }
        catch (DatabaseUnavailableException e) { logger.LogWarning("Could not give back a passphrase attempt: {Reason}", e.Message); }
    }

    private static DocSignProblem Throttled(TimeSpan wait) => DocSignProblem.Throttled(wait,
        $"Terlalu banyak passphrase salah. Tunggu {Math.Ceiling(wait.TotalSeconds):0} detik sebelum mencoba lagi; tidak ada yang ditandatangani.");

    private DocSignProblem Refuse(Actor actor, Document document, string message)
    {
        logger.LogInformation("Signing of document {DocumentId} refused for {User}: {Reason}", document.Id, actor.UserName, message);
        return DocSignProblem.Forbidden(message).About(document.OfficeId, document.Id);
    }

    private static FileStream TempFile() => new(Path.Combine(Path.GetTempPath(), $"docsign-sign-{Guid.NewGuid():N}.pdf"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);

    private static Task<T> Database<T>(Func<Task<T>> call) => DatabaseGuard.RunAsync(call);
}
