using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Logging;

namespace DocSign.Core.Signing;

/// <summary>
/// The enrolment form. <see cref="Passphrase"/> is used only to open the PKCS#12 once (to check it and read its
/// certificate) and then forgotten; the text form of this request never shows it.
/// </summary>
public sealed class EnrolSignerRequest
{
    /// <summary>The user to enrol (an id, or "me").</summary>
    public required string UserId { get; init; }
    public string? Office { get; init; }
    /// <summary>"sign" (the Camat) or "paraf" (Sekcam, Kasubbag); default from the person's role.</summary>
    public string? Purpose { get; init; }
    /// <summary>definitive, plt, plh or an.</summary>
    public string? Authority { get; init; }
    public string? DecreeNumber { get; init; }
    public string? PeriodFrom { get; init; }
    public string? PeriodTo { get; init; }
    /// <summary>The signer's jabatan; default the head's post (sign) or the certificate's title.</summary>
    public string? Jabatan { get; init; }
    public UploadedFile? File { get; init; }
    public string? Passphrase { get; init; }
    public override string ToString() => $"EnrolSignerRequest(user {UserId}, office {Office}, purpose {Purpose}, authority {Authority})";
}

/// <summary>
/// A Camat (or the Sekcam/Kasubbag for a paraf) enrols his PKCS#12, or an admin does it for him. The file is
/// stored exactly as uploaded with what its certificate says; the passphrase is never stored, logged or cached.
/// </summary>
public sealed class EnrolSignerHandler(
    IActorDirectory actors,
    ISignerKeyStore keys,
    ISignatureRecords records,
    ISignatureService engine,
    IAuditTrail audit,
    StandIns.IActingAssignments acting,
    TimeProvider clock,
    ILogger<EnrolSignerHandler> logger)
{
    /// <summary>Roles that may hold a key for each purpose.</summary>
    public static readonly IReadOnlyList<string> ParafRoles = [OfficeRole.Sekcam, OfficeRole.KasubbagProgram, OfficeRole.KasubagUmum];

    public async Task<SignerEnrolment> HandleAsync(Actor actor, EnrolSignerRequest request, CancellationToken cancellationToken = default)
    {
        var userId = request.UserId == "me" ? actor.UserId : request.UserId;
        var target = userId == actor.UserId ? actor : await actors.FindAsync(userId, cancellationToken);
        if (target is null)
            throw DocSignProblem.NotFound("Pengguna tidak ditemukan.");

        // Office and purpose: from the form, or the one office where the person holds a signing role.
        var eligible = target.Memberships.Where(m => m.Role == OfficeRole.Camat || ParafRoles.Contains(m.Role)).ToList();
        string officeId = OfficeId.From(request.Office);
        if (string.IsNullOrEmpty(officeId))
        {
            if (eligible.Select(m => m.OfficeId).Distinct().Count() != 1)
                throw DocSignProblem.Invalid("Sebutkan kantor (office) tempat kunci ini dipakai.");
            officeId = eligible[0].OfficeId;
        }
        var membership = eligible.FirstOrDefault(m => m.OfficeId == officeId);
        // A Plh./Plt. recorded for the office's Camat (in force or to come) signs with his own key: he may enrol one for signing.
        var standsIn = await DatabaseGuard.RunAsync(() => acting.HoldsOrWillHoldAsync(target.UserId, officeId, clock.GetUtcNow(), cancellationToken));
        if (standsIn) membership ??= target.Memberships.FirstOrDefault(m => m.OfficeId == officeId);
        var self = userId == actor.UserId;
        if (!actor.IsAdministrator && !(self && membership is not null))
        {
            // Someone else's key, or no signing role: existence of other people is not revealed beyond the office.
            if (!self && !actor.IsMemberOf(officeId)) throw DocSignProblem.NotFound("Pengguna tidak ditemukan.");
            throw DocSignProblem.Forbidden("Hanya penanda tangan sendiri (Camat, Sekcam, Kasubbag) atau admin yang dapat mendaftarkan kunci tanda tangan.");
        }
        if (membership is null)
            throw DocSignProblem.Invalid("Pengguna ini tidak memegang jabatan penanda tangan (Camat, Sekcam atau Kasubbag) di kantor tersebut.");

        SignatureKind purpose;
        if (string.IsNullOrWhiteSpace(request.Purpose))
            purpose = membership.Role == OfficeRole.Camat || (standsIn && !ParafRoles.Contains(membership.Role)) ? SignatureKind.Sign : SignatureKind.Paraf;
        else if (!SigningTerms.TryParseKind(request.Purpose, out purpose))
            throw DocSignProblem.Invalid("Keperluan (purpose) harus 'sign' atau 'paraf'.");
        if (purpose == SignatureKind.Sign && membership.Role != OfficeRole.Camat && !standsIn)
            throw DocSignProblem.Invalid("Kunci untuk tanda tangan dokumen hanya untuk Camat kantor ini; Sekcam dan Kasubbag mendaftar untuk paraf.");
        if (purpose == SignatureKind.Paraf && !ParafRoles.Contains(membership.Role))
            throw DocSignProblem.Invalid("Kunci paraf hanya untuk Sekcam atau Kasubbag.");

        if (!SigningTerms.TryParseAuthority(request.Authority, out var authority))
            throw DocSignProblem.Invalid("Kewenangan (authority) harus salah satu dari: definitive, plt, plh, an.");
        var decree = string.IsNullOrWhiteSpace(request.DecreeNumber) ? null : request.DecreeNumber.Trim();
        var from = ParseDate(request.PeriodFrom, "periodFrom");
        var to = ParseDate(request.PeriodTo, "periodTo");
        if (authority != SigningAuthorityKind.Definitive)
        {
            if (decree is null || from is null || to is null)
                throw DocSignProblem.Invalid($"Untuk {authority.Prefix()} wajib diisi nomor SK (decreeNumber) dan masa berlakunya (periodFrom, periodTo).");
            if (to < from)
                throw DocSignProblem.Invalid("Akhir masa berlaku SK (periodTo) tidak boleh sebelum awalnya (periodFrom).");
        }
        else if (decree is not null || from is not null || to is not null)
        {
            throw DocSignProblem.Invalid("Nomor SK dan masa berlaku hanya diisi untuk Plt., Plh. atau a.n.");
        }
        if (decree is { Length: > SignerEnrolment.MaxDecreeLength })
            throw DocSignProblem.Invalid($"Nomor SK terlalu panjang; paling banyak {SignerEnrolment.MaxDecreeLength} karakter.");
        if (authority == SigningAuthorityKind.AtasNama && purpose == SignatureKind.Paraf)
            throw DocSignProblem.Invalid("a.n. berlaku untuk tanda tangan atas nama Camat, bukan untuk paraf.");

        var file = request.File;
        if (file is null || file.Length == 0)
            throw DocSignProblem.Invalid("Lampirkan berkas kunci PKCS#12 (.p12/.pfx) pada isian 'file'.");
        if (file.Length > SignerEnrolment.MaxPkcs12Bytes)
            throw new DocSignProblem(ProblemKind.TooLarge, $"Berkas PKCS#12 terlalu besar; paling banyak {SignerEnrolment.MaxPkcs12Bytes / 1024} KB.");
        if (string.IsNullOrEmpty(request.Passphrase))
            throw DocSignProblem.Invalid("Passphrase berkas PKCS#12 wajib diisi (hanya dipakai untuk memeriksa berkas, tidak disimpan).");

        var bytes = new byte[file.Length];
        file.Content.Position = 0;
        await file.Content.ReadExactlyAsync(bytes, cancellationToken);

        SignerCertificate certificate;
        try
        {
            certificate = engine.ReadCertificate(bytes, request.Passphrase);
        }
        catch (SignatureServiceException e)
        {
            logger.LogInformation("Enrolment for {User} refused: {Failure}", userId, e.Failure);
            throw DocSignProblem.Invalid(e.Message);
        }
        var now = clock.GetUtcNow();
        if (!certificate.CanSign)
            throw DocSignProblem.Invalid("Sertifikat pada berkas ini tidak diizinkan untuk tanda tangan (key usage tanpa digitalSignature/nonRepudiation).");
        if (now < certificate.NotBefore || now > certificate.NotAfter)
            throw DocSignProblem.Invalid($"Sertifikat hanya berlaku {StampText.FormatDate(certificate.NotBefore)} sampai {StampText.FormatDate(certificate.NotAfter)}; pada hari ini tidak dapat dipakai.");
        await ProveSignerAsync(target, certificate, cancellationToken);

        var officeName = await records.OfficeNameAsync(officeId, cancellationToken) ?? officeId;
        var jabatan = string.IsNullOrWhiteSpace(request.Jabatan) ? null : request.Jabatan.Trim();
        jabatan ??= purpose == SignatureKind.Sign && authority != SigningAuthorityKind.AtasNama
            ? StampText.HeadOf(officeName)
            : certificate.Title;
        if (string.IsNullOrWhiteSpace(jabatan))
            throw DocSignProblem.Invalid("Jabatan penanda tangan wajib diisi (sertifikat tidak memuat jabatan).");
        if (jabatan.Length > SignerEnrolment.MaxJabatanLength)
            throw DocSignProblem.Invalid($"Jabatan terlalu panjang; paling banyak {SignerEnrolment.MaxJabatanLength} karakter.");

        var enrolment = new SignerEnrolment(Guid.NewGuid(), target.UserId, officeId, purpose, bytes, certificate, jabatan,
            authority, decree, from, to, actor.UserName, now);
        audit.Record(new AuditEvent(AuditActions.SignerEnrolled)
        {
            OfficeId = officeId,
            Detail = $"{purpose.ToWire()} key of {target.UserName}: {certificate.Name}, serial {certificate.SerialNumber}, issuer {certificate.IssuerName}, authority {authority.ToWire()}"
                     + (decree is null ? "" : $" (SK {decree}, {from:yyyy-MM-dd}..{to:yyyy-MM-dd})"),
        });
        try
        {
            await keys.AddAsync(enrolment, cancellationToken);
        }
        catch (DatabaseUnavailableException e)
        {
            throw new DocSignProblem(ProblemKind.Unavailable, "Basis data sedang tidak dapat dihubungi. Kunci belum terdaftar; silakan coba lagi.", e);
        }
        logger.LogInformation("Signer key enrolled for {User} in {Office} ({Purpose}, {Authority}) by {Actor}",
            target.UserName, officeId, purpose.ToWire(), authority.ToWire(), actor.UserName);
        return enrolment;
    }

    /// <summary>
    /// The certificate must prove who the signer is: issued under one of the service's signing trust anchors, and naming
    /// the person (name compared without regard to case or spacing; the NIP, where the certificate carries one and
    /// the person has one on record, equal). BSrE-style certificates name the person without a NIP, which is fine.
    /// </summary>
    private async Task ProveSignerAsync(Actor target, SignerCertificate certificate, CancellationToken cancellationToken)
    {
        if (!certificate.ChainsToTrustAnchor)
            throw Refused(target, certificate, "not issued under a signing trust anchor",
                $"Sertifikat ini diterbitkan oleh \"{certificate.IssuerName}\", yang tidak dipercaya layanan ini untuk tanda tangan. Gunakan sertifikat dari penyelenggara sertifikasi yang dipakai kantor (misalnya BSrE). Kunci tidak didaftarkan.");
        PersonOnRecord? person;
        try { person = await actors.PersonAsync(target.UserId, cancellationToken); }
        catch (DatabaseUnavailableException e)
        {
            throw new DocSignProblem(ProblemKind.Unavailable, "Basis data sedang tidak dapat dihubungi. Kunci belum terdaftar; silakan coba lagi.", e);
        }
        if (person is null) throw DocSignProblem.NotFound("Pengguna tidak ditemukan.");
        if (!string.Equals(NameKey(certificate.Name), NameKey(person.Name), StringComparison.Ordinal))
            throw Refused(target, certificate, "names someone else",
                $"Sertifikat ini atas nama \"{certificate.Name}\", bukan \"{person.Name}\". Hanya sertifikat milik orang itu sendiri yang dapat didaftarkan. Kunci tidak didaftarkan.");
        if (certificate.Nip is { } nip && !string.IsNullOrWhiteSpace(person.Nip) && nip != person.Nip.Trim())
            throw Refused(target, certificate, "carries another NIP",
                $"NIP pada sertifikat ({nip}) berbeda dengan NIP {person.Name} yang tercatat. Kunci tidak didaftarkan.");
    }

    private DocSignProblem Refused(Actor target, SignerCertificate certificate, string why, string message)
    {
        logger.LogInformation("Enrolment for {User} refused: the certificate (serial {Serial}, issuer {Issuer}) {Why}",
            target.UserName, certificate.SerialNumber, certificate.IssuerName, why);
        return DocSignProblem.Invalid(message);
    }

    /// <summary>A name compared without regard to case or runs of white space.</summary>
    private static string NameKey(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    private static DateOnly? ParseDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var d)
            ? d
            : throw DocSignProblem.Invalid($"Tanggal {field} harus berformat TTTT-BB-HH, misalnya 2026-01-31.");
    }
}

/// <summary>A person's current keys (never the PKCS#12 itself): for the signer, his office's members and admins.</summary>
public sealed class ListEnrolmentsHandler(IActorDirectory actors, ISignerKeyStore keys)
{
    public async Task<IReadOnlyList<SignerEnrolment>> HandleAsync(Actor actor, string userId, CancellationToken cancellationToken = default)
    {
        userId = userId == "me" ? actor.UserId : userId;
        var target = userId == actor.UserId ? actor : await actors.FindAsync(userId, cancellationToken);
        if (target is null || !(actor.IsAdministrator || userId == actor.UserId || target.Memberships.Any(m => actor.IsMemberOf(m.OfficeId))))
            throw DocSignProblem.NotFound("Pengguna tidak ditemukan.");
        return await keys.ListActiveAsync(userId, cancellationToken);
    }
}
