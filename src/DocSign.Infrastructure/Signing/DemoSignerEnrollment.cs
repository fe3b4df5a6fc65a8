using DocSign.Core.Access;
using DocSign.Core.Audit;
using DocSign.Core.Demo;
using DocSign.Core.Offices;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Signing;

/// <summary>
/// Enrols each demo Camat with his office's sample key (certs-sample/camat-&lt;office&gt;.p12) and, where the sample PKI
/// has one, the Sekcam's paraf key (sekcam-&lt;office&gt;.p12), found through <c>DocSign:SamplePkiDirectory</c>. The
/// sample passphrase is public (certs-sample/README.md) and, as for any enrolment, used only to read the certificate.
/// Idempotent: a person who already has a key keeps it.
/// </summary>
internal sealed class DemoSignerEnrollment(
    IConfiguration configuration,
    IOptions<Demo.DemoOptions> demo,
    IOptions<Providers.BsreOptions> bsre,
    DocSignDbContext db,
    ISignerKeyStore keys,
    ISignatureService engine,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<DemoSignerEnrollment> logger) : IDemoSignerEnrollment
{
    public async Task EnrollAsync(string officeId, string camatUserId, CancellationToken cancellationToken = default)
    {
        var directory = Security.SampleTrust.Directory(configuration);
        if (directory is null)
        {
            logger.LogWarning("DocSign:SamplePkiDirectory is not set: demo Camat of {Office} gets no signing key", officeId);
            return;
        }
        // An office listed under DocSign:Demo:BsreNik signs through BSrE (the emulator in the demo): its Camat is enrolled by NIK.
        if (demo.Value.BsreNik.GetValueOrDefault(officeId) is { Length: > 0 } nik && !string.IsNullOrWhiteSpace(bsre.Value.BaseUrl))
            await EnrolBsreAsync(Path.Combine(directory, $"camat-{officeId}.p12"), nik, officeId, camatUserId, cancellationToken);
        else
            await EnrolAsync(Path.Combine(directory, $"camat-{officeId}.p12"), officeId, camatUserId, SignatureKind.Sign, cancellationToken);

        var sekcamFile = Path.Combine(directory, $"sekcam-{officeId}.p12");
        if (File.Exists(sekcamFile))
        {
            var sekcam = await db.Memberships.Where(m => m.OfficeId == officeId && m.Role == OfficeRole.Sekcam)
                .Select(m => m.UserId).FirstOrDefaultAsync(cancellationToken);
            if (sekcam is not null) await EnrolAsync(sekcamFile, officeId, sekcam, SignatureKind.Paraf, cancellationToken);
        }
    }

    /// <summary>
    /// The demo Camat by NIK at BSrE: his name and NIP are DocSign's own record of him (read from the office's sample
    /// certificate, as for the PKCS#12 demo), never from BSrE's certificate.
    /// </summary>
    private async Task EnrolBsreAsync(string recordFile, string nik, string officeId, string userId, CancellationToken cancellationToken)
    {
        if (await keys.FindActiveAsync(userId, officeId, SignatureKind.Sign, cancellationToken) is not null) return;
        if (!File.Exists(recordFile)) return;
        var record = engine.ReadCertificate(await File.ReadAllBytesAsync(recordFile, cancellationToken), Security.SampleTrust.Passphrase);
        var officeName = await db.Offices.Where(o => o.Id == officeId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken) ?? officeId;
        var enrolment = SignerEnrolment.ForBsre(Guid.NewGuid(), userId, officeId, SignatureKind.Sign, nik, record.Name, record.Nip,
            StampText.HeadOf(officeName), SigningAuthorityKind.Definitive, null, null, null, SystemActor.Name, clock.GetUtcNow(),
            SignerEnrolment.BsreEmulatorIssuer);
        audit.Record(new AuditEvent(AuditActions.SignerEnrolled)
        {
            OfficeId = officeId, ActorName = SystemActor.Name, Detail = $"demo sign enrolment through BSrE by NIK: {record.Name}",
        });
        await keys.AddAsync(enrolment, cancellationToken);
        logger.LogInformation("Demo Camat of {Office} enrolled to sign through BSrE ({Name})", officeId, record.Name);
    }

    private async Task EnrolAsync(string file, string officeId, string userId, SignatureKind purpose, CancellationToken cancellationToken)
    {
        if (await keys.FindActiveAsync(userId, officeId, purpose, cancellationToken) is not null) return;
        if (!File.Exists(file))
        {
            logger.LogWarning("Sample key {File} not found: no demo {Purpose} key for {Office}", file, purpose.ToWire(), officeId);
            return;
        }
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        var certificate = engine.ReadCertificate(bytes, Security.SampleTrust.Passphrase);
        var officeName = await db.Offices.Where(o => o.Id == officeId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken) ?? officeId;
        var jabatan = purpose == SignatureKind.Sign ? StampText.HeadOf(officeName) : certificate.Title ?? "Sekretaris Kecamatan";
        var enrolment = new SignerEnrolment(Guid.NewGuid(), userId, officeId, purpose, bytes, certificate, jabatan,
            SigningAuthorityKind.Definitive, null, null, null, SystemActor.Name, clock.GetUtcNow());
        audit.Record(new AuditEvent(AuditActions.SignerEnrolled)
        {
            OfficeId = officeId, ActorName = SystemActor.Name,
            Detail = $"demo {purpose.ToWire()} key: {certificate.Name}, serial {certificate.SerialNumber}, issuer {certificate.IssuerName}",
        });
        await keys.AddAsync(enrolment, cancellationToken);
        logger.LogInformation("Demo {Purpose} key of {Office} enrolled ({Name})", purpose.ToWire(), officeId, certificate.Name);
    }
}
