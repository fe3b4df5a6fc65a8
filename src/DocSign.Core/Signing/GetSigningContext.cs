using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Offices;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using Microsoft.Extensions.Options;

namespace DocSign.Core.Signing;

/// <summary>What the Penandatanganan screen needs before the Camat signs.</summary>
/// <param name="PendingVersion">The version put to this signer, or null (then <see cref="Blocked"/> says why).</param>
/// <param name="Layout">Page count and the default stamp box of the pending version.</param>
/// <param name="Enrolment">The signer's current key, or null when none is enrolled.</param>
/// <param name="Level">The level the signature will have.</param>
/// <param name="RetryAfter">While wrong passphrases make the signer wait.</param>
/// <param name="Blocked">Why the signer cannot sign now (Bahasa Indonesia), or null.</param>
/// <param name="Signatures">Signatures already made on this document.</param>
public sealed record SigningContext(
    SignatureKind Kind, DocumentVersion? PendingVersion, DocumentLayout? Layout, SignerEnrolment? Enrolment,
    SignatureLevel Level, bool ParafRequired, TimeSpan? RetryAfter, int FreeAttemptsLeft, string? Blocked,
    IReadOnlyList<SignatureRecord> Signatures)
{
    /// <summary>The stamp's text as it will be drawn when signed now (empty when the signer cannot sign), for the preview.</summary>
    public IReadOnlyList<StampLine> StampLines { get; init; } = [];

    /// <summary>The stamp's small print naming the certificate's issuer, for the preview.</summary>
    public string? StampFooter { get; init; }

    /// <summary>When the wait after wrong passphrases ends (the page counts down to it), or null.</summary>
    public DateTimeOffset? RetryAt { get; init; }
}

/// <summary>Office members and auditors see a document's signatures; its signer also sees what he is about to sign.</summary>
public sealed class GetSigningContextHandler(
    IDocumentRepository documents,
    IObjectStore store,
    ISignerKeyStore keys,
    ISignatureRecords records,
    ISignatureService engine,
    ISigningWorkflow workflow,
    StandIns.HeadOfOffice head,
    TimeProvider clock,
    IOptions<SigningOptions> options)
{
    public async Task<SigningContext> HandleAsync(Actor actor, Guid documentId, SignatureKind kind, CancellationToken cancellationToken = default)
    {
        var document = await DocumentAccess.LoadReadableAsync(documents, actor, documentId, cancellationToken);
        var office = document.OfficeId;
        var signatures = await records.ListForDocumentAsync(document.Id, cancellationToken);
        var policy = await records.FindPolicyAsync(office, cancellationToken);
        var level = policy?.Level ?? (engine.TimestampingAvailable ? SignatureLevel.BLTA : SignatureLevel.BB);
        var parafRequired = policy?.ParafRequired ?? false;

        var standIn = kind == SignatureKind.Sign ? await head.StandInAtAsync(office, clock.GetUtcNow(), cancellationToken) : null;
        var mayAct = kind == SignatureKind.Sign
            ? StandIns.HeadOfOffice.MaySign(actor, office, standIn)
            : actor.HasRole(office, [.. EnrolSignerHandler.ParafRoles]);
        var enrolment = mayAct ? await keys.FindActiveAsync(actor.UserId, office, kind, cancellationToken) : null;
        var pendingNumber = await workflow.PendingVersionAsync(document, kind, cancellationToken);
        var pending = pendingNumber is { } n ? document.Versions.FirstOrDefault(v => v.Number == n) : null;
        if (pending is not null && signatures.Any(r => r.SourceVersionNumber == pending.Number && r.Kind == kind)) pending = null;

        string? blocked = null;
        if (!mayAct) blocked = kind == SignatureKind.Sign ? StandIns.HeadOfOffice.WhoSigns(standIn) : "Hanya Sekcam atau Kasubbag yang dapat memberi paraf.";
        else if (kind == SignatureKind.Paraf && !parafRequired) blocked = "Kantor ini tidak memakai paraf elektronik.";
        else if (enrolment is null) blocked = "Kunci tanda tangan (PKCS#12) Anda belum terdaftar.";
        else if (pending is null) blocked = "Belum ada versi yang diajukan kepada Anda.";
        else if (kind == SignatureKind.Sign && parafRequired && !signatures.Any(r => r.VersionNumber == pending.Number && r.Kind == SignatureKind.Paraf))
            blocked = "Versi ini belum diparaf oleh Sekcam atau Kasubbag.";
        else if (!enrolment.AuthorityCovers(StampText.DayOf(clock.GetUtcNow())))
            blocked = $"Masa kewenangan {enrolment.Authority.Prefix()} menurut SK {enrolment.DecreeNumber} tidak mencakup hari ini.";

        DocumentLayout? layout = null;
        if (pending is not null && mayAct)
        {
            try
            {
                await using var content = await store.OpenReadAsync(pending.ObjectKey, cancellationToken);
                using var copy = new MemoryStream();
                await content.CopyToAsync(copy, cancellationToken);
                copy.Position = 0;
                layout = engine.Layout(copy);
            }
            catch (StorageUnavailableException e) { throw DocSignProblem.Unavailable(e); }
            catch (SignatureServiceException) { blocked ??= "Versi ini tidak dapat dibaca sebagai PDF."; }
        }

        var now = clock.GetUtcNow();
        TimeSpan? wait = enrolment is null ? null : PassphraseThrottle.WaitBeforeNextAttempt(enrolment, options.Value, now);
        if (wait == TimeSpan.Zero) wait = null;
        var free = enrolment is null ? options.Value.FreeAttempts : PassphraseThrottle.FreeAttemptsLeft(enrolment, options.Value, now);
        var officeName = enrolment is null || pending is null ? null : await records.OfficeNameAsync(office, cancellationToken) ?? office;
        return new SigningContext(kind, mayAct ? pending : null, layout, enrolment, level, parafRequired, wait, free, blocked, signatures)
        {
            StampLines = officeName is null ? [] : StampText.Lines(enrolment!, officeName, kind, now, standIn),
            StampFooter = enrolment is null ? null : StampText.Footer(enrolment),
            RetryAt = wait is { } w ? now + w : null,
        };
    }
}
