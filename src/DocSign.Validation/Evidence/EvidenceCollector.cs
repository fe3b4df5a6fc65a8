using System.Security.Cryptography;
using DocSign.Pdf;
using DocSign.Validation.Crypto;
using DocSign.Validation.PdfStructure;
using DocSign.Validation.Revocation;

namespace DocSign.Validation.Evidence;

/// <summary>
/// Gathers the facts of every signature and document timestamp in a PDF, in order: structure of each byte range,
/// CMS and digests, signatures and timestamps, validation material (DSS), chains and revocation (timestamps
/// first: their times are the proof of existence of the signatures), and what changed after each signature.
/// It judges nothing: the <see cref="Judgement.PolicyJudge"/> does.
/// </summary>
internal sealed class EvidenceCollector(ValidationPolicy policy)
{
    private readonly ValidationPolicy _policy = policy;

    /// <summary>The one sentence for an encrypted file that does not open (Bahasa Indonesia, as every verification
    /// message; complete, so the service shows it whole), for the CLI and the service alike.</summary>
    internal static string EncryptedRefusal(PdfException problem, bool passwordGiven) => problem.ErrorKind switch
    {
        PdfErrorKind.PasswordRequired when passwordGiven =>
            "PDF ini terenkripsi dan kata sandi yang diberikan salah; berikan kata sandi pembuka dokumen yang benar.",
        PdfErrorKind.PasswordRequired =>
            "PDF ini terenkripsi dengan kata sandi pembuka dokumen; sertakan kata sandi itu untuk memverifikasinya (isian 'password' pada unggahan, --password pada docsign verify).",
        _ => "PDF ini terenkripsi dengan cara yang tidak didukung DocSign; mintalah salinan tanpa enkripsi.",
    };

    public async Task<DocumentEvidence> CollectAsync(Stream stream, VerificationOptions options, VerificationReport report, DateTimeOffset now, HttpClient http, CancellationToken ct)
    {
        using var file = PdfFile.Open(stream, PdfLimits.Default, ct, leaveOpen: true, options.Password);
        report.RevisionCount = file.Revisions.Count;
        // An encrypted file is verified decrypted (byte ranges are hashed as stored; the content is compared as read).
        if (file.EncryptionProblem is { } locked) throw new VerificationInputException(EncryptedRefusal(locked, options.Password is not null));
        if (file.Security is { } security) report.Encryption = security.MethodName;

        var fields = SignatureLocator.Find(file.Latest);
        if (fields.Count == 0) throw new VerificationInputException("PDF tidak memuat tanda tangan elektronik (tidak ada kolom tanda tangan yang berisi)");
        if (fields.Count > options.MaxSignatures)
            throw new VerificationInputException($"PDF memuat {fields.Count} tanda tangan; batas verifikasi {options.MaxSignatures}");

        var entries = new List<SignatureEvidence>();
        foreach (var f in fields.OrderBy(f => f.ContentsStart < 0 ? long.MaxValue : f.ContentsStart))
        {
            var r = new SignatureResult
            {
                Field = f.FieldName, Kind = f.IsDocTimestamp ? SignatureKind.DocumentTimestamp : SignatureKind.Signature,
                SubFilter = f.SubFilter, Reason = f.Reason, Location = f.Location, ByteRange = f.ByteRange,
                ClaimedSigningTime = SignatureLocator.ParseDate(f.M), DocMdpPermission = f.DocMdpP,
            };
            entries.Add(new SignatureEvidence { Field = f, Result = r });
        }

        // 1. Structure: byte range and /Contents.
        foreach (var e in entries) StructureEvidence.Check(e, file);

        // 2. Parse CMS / tokens, decide which digests to compute.
        var hasher = new RangeHasher();
        var fileKey = options.ComputeFileSha256 ? hasher.Add(new[] { (0L, file.Length) }, HashAlgorithmName.SHA256) : null;
        foreach (var e in entries.Where(e => e.FormatOk)) CmsEvidence.Prepare(e, hasher);
        hasher.Run(stream, file.Length, ct);
        if (fileKey is not null) report.FileSha256 = Convert.ToHexString(hasher.Get(fileKey)!).ToLowerInvariant();

        // 3. Validation material in the file.
        var dss = DssEvidence.Read(file, report);
        var dssRevisions = DssEvidence.Revisions(file);

        var validator = new CertificateValidator(options, dss, http, now);

        // 4. Cryptography: signatures, their timestamps, document timestamps.
        foreach (var e in entries.Where(e => e.FormatOk && e.Cms is not null))
        {
            ct.ThrowIfCancellationRequested();
            if (e.Field.IsDocTimestamp) CmsEvidence.CheckDocTimestamp(e, hasher, dss);
            else CmsEvidence.CheckSignature(e, hasher, dss);
        }

        // 5. Chains and revocation (timestamps first: their times are the POE of the signatures).
        foreach (var e in entries.Where(e => e.Timestamp is { CryptoValid: true }))
        {
            var ts = e.Timestamp!;
            if (ts.TsaCertificate is null || ts.Time is null) continue;
            var tsaChain = await validator.ValidateAsync(ts.TsaCertificate!, ts.Time!.Value, true, null,
                CmsEvidence.Certs(ts.Token!).Concat(dss.Certificates), Oids.EkuTimeStamping, ct).ConfigureAwait(false);
            e.Result.TimestampAuthority = SignerDetails.From(ts.TsaCertificate!);
            e.TimestampUsable = tsaChain.Indication == Indication.TotalPassed && !ts.WeakAlgorithm;
            if (ts.WeakAlgorithm && !e.Field.IsDocTimestamp)
                e.Result.Messages.Add("stempel waktu tanda tangan memakai algoritma lemah (SHA-1 atau kunci lemah): tidak dipakai sebagai bukti keberadaan");
            if (e.Field.IsDocTimestamp) e.Chain = tsaChain;
            else if (!e.TimestampUsable)
                e.Result.Messages.AddRange(tsaChain.Messages.Select(m => "stempel waktu tanda tangan: " + m));
        }
        foreach (var e in entries.Where(e => !e.Field.IsDocTimestamp && e.CmsCheck?.SignerCertificate is not null && e.CmsCheck.SignatureValid && e.CmsCheck.DigestMatches))
        {
            var proven = e.TimestampUsable ? e.Timestamp!.Time : null;
            // A later document timestamp also proves the signature existed by its time.
            if (proven is null)
            {
                var dts = entries.Where(d => d.Field.IsDocTimestamp && d.TimestampUsable && d.Field.Revision > e.Field.Revision)
                    .Select(d => d.Timestamp!.Time).Where(t => t is not null).OrderBy(t => t).FirstOrDefault();
                proven = dts;
            }
            // Required certificate policies bind the signer's path only: a TSA certifies under its own policies.
            var v = new CertificateValidator(options, CmsEvidence.Merge(dss, e.CmsRevocation), http, now, _policy.RequiredCertificatePolicies);
            // Without signed attributes nothing in the CMS claims a time: /M alone is not taken as the signer's claim
            // of when it signed (a revocation is then judged by proof only).
            var claimedTime = e.CmsCheck!.NoSignedAttributes ? null : e.Result.ClaimedSigningTime;
            e.Chain = await v.ValidateAsync(e.CmsCheck!.SignerCertificate!, proven ?? now, proven is not null, claimedTime,
                CmsEvidence.Certs(e.Cms!), null, ct).ConfigureAwait(false);
            e.Result.ChainTrusted = e.Chain.Trusted;
            e.Result.RevocationSource = e.Chain.RevocationSource;
        }

        // 6. What changed after each signature.
        var analyzer = new ModificationAnalyzer(file, _policy.Modifications);
        var trailing = StructureEvidence.TrailingProblem(stream, file);
        foreach (var e in entries)
        {
            ct.ThrowIfCancellationRequested();
            if (e.Field.Revision < 0) continue;
            try { e.Mods = analyzer.Analyze(e.Field.Revision); }
            catch (PdfException ex)
            {
                e.Mods = new ModificationResult();
                e.Mods.Note(ModificationLevel.Other, "revisi setelah tanda tangan tidak dapat dibandingkan: " + ex.Message);
            }
            if (trailing is not null) e.Mods.Note(ModificationLevel.Other, trailing);
            e.Result.ModificationsAfter = e.Mods.Level;
        }

        return new DocumentEvidence(entries, dss, dssRevisions);
    }
}
