using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Pdf;
using DocSign.Validation.Crypto;
using DocSign.Validation.PdfStructure;
using DocSign.Validation.Revocation;

namespace DocSign.Validation;

/// <summary>
/// Verifies every signature and document timestamp of a PDF the way an auditor needs: structure of each
/// byte range, digest, CMS signature, signing-certificate binding, chain to a configured anchor at the proven
/// time, revocation, timestamps, and what changed after each signature. Reads hostile input through
/// DocSign.Pdf with its limits; never throws for a bad signature (that is a result), only
/// <see cref="VerificationInputException"/> when the file cannot be verified at all. The facts are gathered
/// here; what they mean is decided by the <see cref="ValidationPolicy"/>.
/// </summary>
public sealed class PdfSignatureVerifier
{
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    }) { Timeout = Timeout.InfiniteTimeSpan });

    private static readonly Lazy<PdfSignatureVerifier> DefaultLazy = new(() => new PdfSignatureVerifier());

    private readonly HttpClient? _http;
    private readonly TimeProvider _time;

    /// <summary>Makes a verifier.</summary>
    /// <param name="httpClient">Client for OCSP/CRL requests (the host's outbound policy applies to it); a private
    /// client without redirects when null. <see cref="VerificationOptions.HttpClient"/>, when set, takes precedence.</param>
    /// <param name="timeProvider">The clock giving the validation time when <see cref="VerificationOptions.ValidationTime"/> is not set.</param>
    /// <param name="policy">What the findings lead to; <see cref="ValidationPolicy.Default"/> when null.</param>
    public PdfSignatureVerifier(HttpClient? httpClient = null, TimeProvider? timeProvider = null, ValidationPolicy? policy = null)
    {
        _http = httpClient;
        _time = timeProvider ?? TimeProvider.System;
        Policy = policy ?? ValidationPolicy.Default;
    }

    /// <summary>A verifier on the system clock with a private HTTP client and the default policy (the CLI's).</summary>
    public static PdfSignatureVerifier Default => DefaultLazy.Value;

    /// <summary>The policy this verifier judges by.</summary>
    public ValidationPolicy Policy { get; }

    /// <summary>Verifies the PDF in <paramref name="pdf"/> (read, never written; copied to a temporary file when not seekable).</summary>
    /// <exception cref="VerificationInputException">The file cannot be read as a signed PDF, or the time budget ran out.</exception>
    public async Task<VerificationReport> VerifyAsync(Stream pdf, VerificationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(options);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.TimeLimit);
        var ct = budget.Token;
        Stream? owned = null;
        try
        {
            var stream = pdf;
            if (!pdf.CanSeek)
            {
                owned = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                await CopyLimited(pdf, owned, options.MaxFileSize, ct).ConfigureAwait(false);
                stream = owned;
            }
            if (stream.Length > options.MaxFileSize)
                throw new VerificationInputException($"berkas terlalu besar ({stream.Length} byte; batas {options.MaxFileSize} byte)");
            return await Task.Run(() => VerifyCoreAsync(stream, options, ct), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VerificationInputException($"verifikasi melewati batas waktu {options.TimeLimit.TotalSeconds:0} detik; berkas terlalu rumit atau rusak");
        }
        catch (PdfException e)
        {
            throw new VerificationInputException("berkas tidak dapat dibaca sebagai PDF: " + e.Message, e);
        }
        catch (Exception e) when (e is not (OperationCanceledException or VerificationInputException or OutOfMemoryException))
        {
            // A structure nobody foresaw must still end as an answer ("cannot verify"), never as a crash or VALID.
            throw new VerificationInputException($"berkas tidak dapat diverifikasi: struktur tak terduga ({e.GetType().Name}: {e.Message})", e);
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Verifies a PDF file on disk.</summary>
    public async Task<VerificationReport> VerifyFileAsync(string path, VerificationOptions options, CancellationToken cancellationToken = default)
    {
        FileStream fs;
        try { fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new VerificationInputException($"berkas {path} tidak dapat dibuka: {e.Message}", e);
        }
        await using (fs.ConfigureAwait(false))
        {
            var report = await VerifyAsync(fs, options, cancellationToken).ConfigureAwait(false);
            report.FileName = Path.GetFileName(path);
            return report;
        }
    }

    private static async Task CopyLimited(Stream from, Stream to, long limit, CancellationToken ct)
    {
        var buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = await from.ReadAsync(buf, ct).ConfigureAwait(false)) > 0)
        {
            total += n;
            if (total > limit) throw new VerificationInputException($"berkas terlalu besar (batas {limit} byte)");
            await to.WriteAsync(buf.AsMemory(0, n), ct).ConfigureAwait(false);
        }
        to.Seek(0, SeekOrigin.Begin);
    }

    private sealed class Entry
    {
        public required PdfSignatureField Field { get; init; }
        public required SignatureResult Result { get; init; }
        public bool FormatOk = true;
        public CmsSignedData? Cms;
        public HashAlgorithmName? RangeAlg;
        public string? RangeKey;
        public CmsCheck? CmsCheck;
        public TimestampCheck? Timestamp;        // signature timestamp, or the DTS itself
        public bool TimestampUsable;             // crypto valid and TSA chain trusted
        public ChainResult? Chain;
        public EmbeddedRevocation CmsRevocation = new();
        public ModificationResult? Mods;
    }

    private async Task<VerificationReport> VerifyCoreAsync(Stream stream, VerificationOptions options, CancellationToken ct)
    {
        var now = options.ValidationTime ?? _time.GetUtcNow();
        var http = options.HttpClient ?? _http ?? SharedHttp.Value;
        var report = new VerificationReport { ValidationTime = now, FileSize = stream.Length };
        if (stream.Length == 0) throw new VerificationInputException("berkas kosong");
        using var file = PdfFile.Open(stream, PdfLimits.Default, ct, leaveOpen: true);
        report.RevisionCount = file.Revisions.Count;
        if (file.IsEncrypted) throw new VerificationInputException("PDF terenkripsi tidak didukung untuk verifikasi");

        var fields = SignatureLocator.Find(file.Latest);
        if (fields.Count == 0) throw new VerificationInputException("PDF tidak memuat tanda tangan elektronik (tidak ada kolom tanda tangan yang berisi)");
        if (fields.Count > options.MaxSignatures)
            throw new VerificationInputException($"PDF memuat {fields.Count} tanda tangan; batas verifikasi {options.MaxSignatures}");

        var entries = new List<Entry>();
        foreach (var f in fields.OrderBy(f => f.ContentsStart < 0 ? long.MaxValue : f.ContentsStart))
        {
            var r = new SignatureResult
            {
                Field = f.FieldName, Kind = f.IsDocTimestamp ? SignatureKind.DocumentTimestamp : SignatureKind.Signature,
                SubFilter = f.SubFilter, Reason = f.Reason, Location = f.Location, ByteRange = f.ByteRange,
                ClaimedSigningTime = SignatureLocator.ParseDate(f.M), DocMdpPermission = f.DocMdpP,
            };
            entries.Add(new Entry { Field = f, Result = r });
        }

        // 1. Structure: byte range and /Contents.
        foreach (var e in entries) CheckStructure(e, file);

        // 2. Parse CMS / tokens, decide which digests to compute.
        var hasher = new RangeHasher();
        var fileKey = options.ComputeFileSha256 ? hasher.Add(new[] { (0L, file.Length) }, HashAlgorithmName.SHA256) : null;
        foreach (var e in entries.Where(e => e.FormatOk)) PrepareCms(e, hasher);
        hasher.Run(stream, file.Length, ct);
        if (fileKey is not null) report.FileSha256 = Convert.ToHexString(hasher.Get(fileKey)!).ToLowerInvariant();

        // 3. Validation material in the file.
        var dss = ReadDss(file, report);
        var dssRevisions = DssRevisions(file);

        var validator = new CertificateValidator(options, dss, http, now);

        // 4. Cryptography: signatures, their timestamps, document timestamps.
        foreach (var e in entries.Where(e => e.FormatOk && e.Cms is not null))
        {
            ct.ThrowIfCancellationRequested();
            if (e.Field.IsDocTimestamp) CheckDocTimestamp(e, hasher, dss);
            else CheckSignature(e, hasher, dss);
        }

        // 5. Chains and revocation (timestamps first: their times are the POE of the signatures).
        foreach (var e in entries.Where(e => e.Timestamp is { CryptoValid: true }))
        {
            var ts = e.Timestamp!;
            if (ts.TsaCertificate is null || ts.Time is null) continue;
            var tsaChain = await validator.ValidateAsync(ts.TsaCertificate!, ts.Time!.Value, true, null,
                Certs(ts.Token!).Concat(dss.Certificates), Oids.EkuTimeStamping, ct).ConfigureAwait(false);
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
            var v = new CertificateValidator(options, Merge(dss, e.CmsRevocation), http, now, Policy.RequiredCertificatePolicies);
            // Without signed attributes nothing in the CMS claims a time: /M alone is not taken as the signer's claim
            // of when it signed (a revocation is then judged by proof only).
            var claimedTime = e.CmsCheck!.NoSignedAttributes ? null : e.Result.ClaimedSigningTime;
            e.Chain = await v.ValidateAsync(e.CmsCheck!.SignerCertificate!, proven ?? now, proven is not null, claimedTime,
                Certs(e.Cms!), null, ct).ConfigureAwait(false);
            e.Result.ChainTrusted = e.Chain.Trusted;
            e.Result.RevocationSource = e.Chain.RevocationSource;
        }

        // 6. What changed after each signature.
        var analyzer = new ModificationAnalyzer(file, Policy.Modifications);
        var trailing = TrailingProblem(stream, file);
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

        // 7. Judgements.
        foreach (var e in entries) Judge(e, entries, dss, dssRevisions);
        foreach (var e in entries)
            (e.Field.IsDocTimestamp ? report.DocumentTimestamps : report.Signatures).Add(e.Result);
        Verdict(report);
        return report;
    }

    private static EmbeddedRevocation Merge(EmbeddedRevocation a, EmbeddedRevocation b)
    {
        var m = new EmbeddedRevocation();
        m.Ocsps.AddRange(b.Ocsps); m.Ocsps.AddRange(a.Ocsps);
        m.Crls.AddRange(b.Crls); m.Crls.AddRange(a.Crls);
        m.Certificates.AddRange(a.Certificates); m.Certificates.AddRange(b.Certificates);
        return m;
    }

    private static IEnumerable<X509Certificate2> Certs(CmsSignedData cms)
    {
        foreach (var raw in cms.Certificates)
        {
            X509Certificate2? c = null;
            try { c = CertificateCache.Load(raw); } catch (CryptographicException) { }
            if (c is not null) yield return c;
        }
    }

    private static void CheckStructure(Entry e, PdfFile file)
    {
        var f = e.Field;
        var r = e.Result;
        void Bad(string m) { r.Messages.Add(m); e.FormatOk = false; }
        if (f.ByteRangeProblem is not null) Bad(f.ByteRangeProblem);
        if (f.ContentsProblem is not null) Bad(f.ContentsProblem);
        if (f.Contents is { Length: 0 }) Bad("/Contents kosong");
        else if (f.Contents is not null && f.Contents.AsSpan().IndexOfAnyExcept((byte)0) < 0) Bad("/Contents hanya berisi nol (tanda tangan kosong)");
        if (f.ByteRange is { } br)
        {
            if (br.Any(x => x < 0)) Bad("/ByteRange memuat angka negatif");
            else if (br[0] != 0) Bad("/ByteRange tidak dimulai dari byte 0");
            else if (br[1] <= 0 || br[2] < br[1] || br[3] < 0 || br[2] > file.Length || br[3] > file.Length - br[2])
                Bad($"/ByteRange [{string.Join(' ', br)}] tidak masuk akal untuk berkas {file.Length} byte");
            else
            {
                if (f.ContentsStart >= 0 && (f.ContentsStart != br[1] || f.ContentsEnd != br[2]))
                    Bad($"celah /ByteRange ({br[1]}..{br[2]}) bukan string /Contents tanda tangan ini ({f.ContentsStart}..{f.ContentsEnd}): pola serangan signature wrapping");
                long end = br[2] + br[3];
                int rev = -1;
                for (int i = 0; i < file.Revisions.Count; i++)
                    if (file.Revisions[i].EndOffset == end || file.Revisions[i].EofMarkerEnd == end) { rev = i; break; }
                f.Revision = rev;
                r.Revision = rev;
                if (rev < 0)
                {
                    r.Coverage = Coverage.Partial;
                    Bad($"/ByteRange berakhir di byte {end}, bukan di akhir sebuah revisi dokumen");
                }
                else
                {
                    bool last = rev == file.Revisions.Count - 1;
                    r.Coverage = last && (end == file.Length || file.Revisions[rev].EndOffset == file.Length || OnlyWhitespaceAfter(file, end))
                        ? Coverage.EntireFile : Coverage.EntireRevision;
                }
            }
        }
        else r.Coverage = Coverage.Partial;
        if (!f.IsDocTimestamp && f.SubFilter is "adbe.x509.rsa_sha1")
            Bad("/SubFilter adbe.x509.rsa_sha1 (tanda tangan PKCS#1 tanpa CMS) tidak didukung");
        else if (!f.IsDocTimestamp && f.SubFilter is not ("ETSI.CAdES.detached" or "adbe.pkcs7.detached" or "adbe.pkcs7.sha1"))
            r.Messages.Add($"/SubFilter {f.SubFilter ?? "(tidak ada)"} tidak standar; diperiksa sebagai CMS terlepas (detached)");
    }

    private static bool OnlyWhitespaceAfter(PdfFile file, long end)
    {
        if (file.Length - end > 4096) return false;
        using var s = file.OpenRange(end, file.Length - end);
        var buf = new byte[file.Length - end];
        s.ReadExactly(buf);
        return buf.AsSpan().IndexOfAnyExcept(" \r\n\t\0"u8) < 0;
    }

    private static string? TrailingProblem(Stream stream, PdfFile file)
    {
        long end = file.Revisions[^1].EndOffset;
        if (end >= file.Length) return null;
        if (OnlyWhitespaceAfter(file, end)) return null;
        return $"ada {file.Length - end} byte setelah %%EOF terakhir yang bukan bagian dari revisi mana pun";
    }

    private static void PrepareCms(Entry e, RangeHasher hasher)
    {
        var f = e.Field;
        try { e.Cms = CmsSignedData.Decode(f.Contents!); }
        catch (CmsFormatException ex) { e.Result.Messages.Add("isi /Contents bukan CMS yang sah: " + ex.Message); e.FormatOk = false; return; }
        if (e.Cms.TrailingNonZeroBytes) e.Result.Messages.Add("catatan: /Contents memuat data bukan nol setelah struktur CMS (di luar bagian yang ditandatangani)");
        var br = f.ByteRange!;
        var ranges = new[] { (br[0], br[1]), (br[2], br[3]) };
        HashAlgorithmName? alg = null;
        if (f.IsDocTimestamp)
        {
            if (e.Cms.EncapsulatedContent is { } ec && Rfc3161Info(ec) is { } info) alg = Oids.Digest(info.HashAlgorithmId.Value);
        }
        else if (f.SubFilter == "adbe.pkcs7.sha1") alg = HashAlgorithmName.SHA1;
        else if (e.Cms.SignerInfos.Count > 0) alg = Oids.Digest(e.Cms.SignerInfos[0].DigestAlgorithmOid);
        if (alg is null) return; // reported by the check that needs it
        e.RangeAlg = alg;
        e.RangeKey = hasher.Add(ranges, alg.Value);
    }

    private static System.Security.Cryptography.Pkcs.Rfc3161TimestampTokenInfo? Rfc3161Info(byte[] content) =>
        System.Security.Cryptography.Pkcs.Rfc3161TimestampTokenInfo.TryDecode(content, out var info, out _) ? info : null;

    private static void CheckSignature(Entry e, RangeHasher hasher, EmbeddedRevocation dss)
    {
        var cms = e.Cms!;
        var r = e.Result;
        if (cms.SignerInfos.Count == 0) { r.Messages.Add("CMS tidak memuat SignerInfo"); e.FormatOk = false; return; }
        byte[] RangeDigest(HashAlgorithmName h)
        {
            if (e.RangeAlg == h && e.RangeKey is not null) return hasher.Get(e.RangeKey)!;
            throw new CryptographicException("hash dengan algoritma berbeda dari digestAlgorithm");
        }
        Func<HashAlgorithmName, byte[]> contentDigest;
        if (e.Field.SubFilter == "adbe.pkcs7.sha1")
        {
            var content = cms.EncapsulatedContent;
            var sha1 = e.RangeKey is null ? null : hasher.Get(e.RangeKey);
            if (content is null || sha1 is null || !content.AsSpan().SequenceEqual(sha1))
            {
                e.CmsCheck = new CmsCheck { SignerInfo = cms.SignerInfos[0] };
                e.CmsCheck.Problems.Add("hash SHA-1 dokumen dalam CMS (adbe.pkcs7.sha1) tidak cocok");
                r.Messages.AddRange(e.CmsCheck.Problems);
                return;
            }
            contentDigest = h => OcspResponse.Hash(h, content);
        }
        else
        {
            if (cms.EncapsulatedContent is { Length: > 0 }) r.Messages.Add("CMS tidak terlepas (detached): memuat eContent");
            contentDigest = RangeDigest;
        }
        var check = CmsVerifier.Verify(cms, contentDigest, dss.Certificates);
        e.CmsCheck = check;
        r.Messages.AddRange(check.Problems);
        r.DigestAlgorithm = check.DigestAlgorithm?.Name;
        r.SignatureAlgorithm = check.SignatureAlgorithmName;
        if (check.SignerCertificate is { } cert) r.Signer = SignerDetails.From(cert);
        var si = check.SignerInfo;
        if (si is null) return;

        // adbe-revocationInfoArchival: revocation data the signer embedded in the signed attributes.
        if (si.Signed(Oids.AdbeRevocationInfoArchival) is { Values.Count: > 0 } rev) ReadRevocationArchival(rev.Values[0], e.CmsRevocation);
        foreach (var raw in cms.Crls) if (Crl.TryParse(raw, out _) is { } crl) e.CmsRevocation.Crls.Add((crl, "CMS"));

        // Signature timestamp over the signature value.
        var tsAttr = si.Unsigned(Oids.SignatureTimeStamp);
        if (tsAttr is { Values.Count: > 0 })
        {
            var sigValue = si.Signature;
            e.Timestamp = TimestampVerifier.Verify(tsAttr.Values[0], h => OcspResponse.Hash(h, sigValue), dss.Certificates);
            if (e.Timestamp.Time is { } t) r.TimestampTime = t;
            r.Messages.AddRange(e.Timestamp.Problems);
        }
    }

    private static void ReadRevocationArchival(ReadOnlyMemory<byte> value, EmbeddedRevocation into)
    {
        try
        {
            var seq = new AsnReader(value, AsnEncodingRules.BER).ReadSequence();
            while (seq.HasData)
            {
                var tag = seq.PeekTag();
                var inner = seq.ReadSequence(tag).ReadSequence();
                while (inner.HasData)
                {
                    var item = inner.ReadEncodedValue();
                    if (tag.TagValue == 0 && Crl.TryParse(item, out _) is { } crl) into.Crls.Add((crl, "CMS"));
                    else if (tag.TagValue == 1 && OcspResponse.TryParse(item, out _) is { } o) into.Ocsps.Add((o, "CMS"));
                }
            }
        }
        catch (AsnContentException) { }
    }

    private static void CheckDocTimestamp(Entry e, RangeHasher hasher, EmbeddedRevocation dss)
    {
        var key = e.RangeKey;
        e.Timestamp = TimestampVerifier.Verify(e.Field.Contents!, h =>
        {
            if (e.RangeAlg == h && key is not null) return hasher.Get(key)!;
            throw new CryptographicException("algoritma tidak cocok");
        }, dss.Certificates);
        e.CmsCheck = e.Timestamp.Cms;
        e.Result.Messages.AddRange(e.Timestamp.Problems);
        if (e.Timestamp.Time is { } t) e.Result.TimestampTime = t;
        if (e.Timestamp.TsaCertificate is { } tsa) { e.Result.Signer = SignerDetails.From(tsa); e.Result.TimestampAuthority = e.Result.Signer; }
        e.Result.DigestAlgorithm = e.RangeAlg?.Name;
        e.Result.SignatureAlgorithm = e.CmsCheck?.SignatureAlgorithmName;
        if (!e.Timestamp.Format) e.FormatOk = false;
    }

    private static EmbeddedRevocation ReadDss(PdfFile file, VerificationReport report)
    {
        var result = new EmbeddedRevocation();
        var view = file.Latest;
        if (view.Resolve(view.Catalog["DSS"]) is not PdfDictionary dss) return result;
        var seen = new HashSet<PdfReference>();
        IEnumerable<byte[]> Streams(PdfObject? arrObj)
        {
            if (view.Resolve(arrObj) is not PdfArray arr) yield break;
            foreach (var item in arr)
            {
                if (item is PdfReference r && !seen.Add(r)) continue;
                if (view.Resolve(item) is not PdfStream s) continue;
                byte[]? data = null;
                try { data = file.ReadDecodedStreamData(s); }
                catch (PdfException ex) { report.Messages.Add("data validasi DSS tidak dapat dibaca: " + ex.Message); }
                if (data is not null) yield return data;
            }
        }
        var certArrays = new List<PdfObject?> { dss["Certs"] };
        var ocspArrays = new List<PdfObject?> { dss["OCSPs"] };
        var crlArrays = new List<PdfObject?> { dss["CRLs"] };
        if (view.Resolve(dss["VRI"]) is PdfDictionary vri)
            foreach (var kv in vri.Take(10_000))
                if (view.Resolve(kv.Value) is PdfDictionary entry)
                {
                    certArrays.Add(entry["Cert"]); ocspArrays.Add(entry["OCSP"]); crlArrays.Add(entry["CRL"]);
                }
        foreach (var a in certArrays)
            foreach (var d in Streams(a))
            {
                try { result.Certificates.Add(CertificateCache.Load(d)); }
                catch (CryptographicException) { report.Messages.Add("sertifikat dalam DSS tidak dapat dibaca"); }
            }
        foreach (var a in ocspArrays)
            foreach (var d in Streams(a))
            {
                var o = OcspResponse.TryParse(d, out var err);
                if (o is null)
                {
                    // Some producers store the BasicOCSPResponse alone.
                    try { o = OcspResponse.ParseBasic(d, d); } catch (Exception ex) when (ex is AsnContentException or CryptographicException or InvalidOperationException or ArgumentException) { }
                }
                if (o is not null) result.Ocsps.Add((o, "DSS"));
                else report.Messages.Add("respons OCSP dalam DSS tidak dapat dibaca: " + err);
            }
        foreach (var a in crlArrays)
            foreach (var d in Streams(a))
            {
                var c = Crl.TryParse(d, out var err);
                if (c is not null) result.Crls.Add((c, "DSS"));
                else report.Messages.Add("CRL dalam DSS tidak dapat dibaca: " + err);
            }
        foreach (var (o, _) in result.Ocsps) result.Certificates.AddRange(o.Certificates);
        return result;
    }

    /// <summary>
    /// The revisions that wrote the DSS (its dictionary, or the catalog holding it directly), in order. A signature
    /// reaches B-LT through the first of these after it: the first DSS of the file may predate a later signature
    /// (a paraf taken to B-LTA, then the Camat's signature), and that one cannot hold the later signer's data.
    /// </summary>
    private static List<int> DssRevisions(PdfFile file)
    {
        var list = new List<int>();
        for (int i = 0; i < file.Revisions.Count; i++)
        {
            try
            {
                var view = file.AtRevision(i);
                var dss = view.Catalog["DSS"];
                if (dss is null) continue;
                var entries = file.Revisions[i].Entries;
                bool written = dss is PdfReference r
                    ? entries.ContainsKey(r.ObjectNumber)
                    : view.Trailer["Root"] is PdfReference root && entries.ContainsKey(root.ObjectNumber);
                // The first revision with a DSS counts even when it reuses an object number from before.
                if (written || list.Count == 0) list.Add(i);
            }
            catch (PdfException) { }
        }
        return list;
    }

    /// <summary>Records a finding the policy judges: the message (unless ignored) and, when the constraint fails, the status.</summary>
    private static void Constraint(SignatureResult r, ConstraintLevel level, ValidationStatus whenFailed, MessageKey key, params object?[] args)
    {
        if (level == ConstraintLevel.Ignore) return;
        var text = ValidationMessages.Text(key, args);
        if (!r.Messages.Contains(text)) r.Messages.Add(text);
        if (!r.MessageKeys.Contains(key)) r.MessageKeys.Add(key);
        if (level == ConstraintLevel.Fail) r.Status = r.Status.Then(whenFailed);
    }

    private void Judge(Entry e, List<Entry> all, EmbeddedRevocation dss, List<int> dssRevisions)
    {
        var policy = Policy;
        var r = e.Result;
        void Set(ValidationStatus s) => r.Status = r.Status.Then(s);
        var formatFailure = ValidationStatus.Failed(FailedSubIndication.FormatFailure);
        r.Status = ValidationStatus.Passed;
        var c = e.CmsCheck;
        if (!e.FormatOk || e.Cms is null || c is null) Set(formatFailure);
        else
        {
            if (c.FormatProblem) Set(formatFailure);
            if (c.SignerInfo is null) Set(formatFailure);
            else if (c.SignerCertificate is null) Set(ValidationStatus.Indeterminate(IndeterminateSubIndication.NoSigningCertificateFound));
            else if (c.UnsupportedAlgorithm) Set(ValidationStatus.Indeterminate(IndeterminateSubIndication.CryptoConstraintsFailure));
            else if (!c.DigestMatches) Set(ValidationStatus.Failed(FailedSubIndication.HashFailure));
            else if (!c.SignatureValid) Set(ValidationStatus.Failed(FailedSubIndication.SigCryptoFailure));
            if (e.Field.IsDocTimestamp && e.Timestamp is { } dts && !dts.ImprintMatches && c.SignatureValid)
                Set(ValidationStatus.Failed(FailedSubIndication.HashFailure));
            if (e.Field.IsDocTimestamp && e.Timestamp is { HasTimestampingEku: false } && c.SignerCertificate is not null)
                Constraint(r, policy.DocumentTimestampWithoutTimestampingUsage, ValidationStatus.Indeterminate(IndeterminateSubIndication.ChainConstraintsFailure), MessageKey.DocumentTimestampWithoutTimestampingUsage);
            if (c.WeakAlgorithm || (e.Field.IsDocTimestamp && e.Timestamp is { WeakAlgorithm: true }))
            {
                Constraint(r, policy.WeakAlgorithm, ValidationStatus.Indeterminate(IndeterminateSubIndication.CryptoConstraintsFailure), MessageKey.WeakAlgorithm);
                if (policy.WeakAlgorithm != ConstraintLevel.Ignore)
                    foreach (var p in c.Problems.Concat(e.Timestamp?.Problems ?? []).Where(p => p.Contains("kebijakan", StringComparison.Ordinal) || p.Contains("bukti keberadaan", StringComparison.Ordinal)))
                        if (!r.Messages.Contains(p)) r.Messages.Add(p);
            }
            if (!e.Field.IsDocTimestamp)
            {
                switch (c.Binding)
                {
                    case CertBinding.Mismatch:
                    case CertBinding.Unreadable:
                        Set(ValidationStatus.Indeterminate(IndeterminateSubIndication.NoSigningCertificateFound));
                        break;
                    case CertBinding.Missing when e.Field.SubFilter == "ETSI.CAdES.detached":
                        Constraint(r, policy.MissingSigningCertificateAttribute, ValidationStatus.Indeterminate(IndeterminateSubIndication.SigConstraintsFailure), MessageKey.MissingSigningCertificateAttribute);
                        break;
                }
                // Judged by the same rules as any signature (digest over the signed bytes, algorithm policy, chain);
                // said once so the reader knows its only time is a proven one or none.
                if (c.NoSignedAttributes && c.SignatureValid)
                    Constraint(r, ConstraintLevel.Warn, default, MessageKey.NoSignedAttributes);
                if (e.Timestamp is { } ts && !ts.CryptoValid)
                    Constraint(r, policy.InvalidSignatureTimestamp, ValidationStatus.Indeterminate(IndeterminateSubIndication.SigConstraintsFailure), MessageKey.InvalidSignatureTimestamp);
            }
        }
        // Changes after signing.
        if (e.Mods is { } mods)
        {
            bool disallowed = policy.Modifications.Disallows(mods.Level);
            foreach (var m in mods.Findings)
            {
                r.Messages.Add(ValidationMessages.Text(MessageKey.DisallowedModification, m));
                if (!r.MessageKeys.Contains(MessageKey.DisallowedModification)) r.MessageKeys.Add(MessageKey.DisallowedModification);
            }
            if (disallowed) Set(formatFailure);
            // A certification allowing no changes is broken by anything beyond validation data and timestamps.
            if (!disallowed && e.Field.DocMdpP == 1 && mods.Level > ModificationLevel.LtaUpdates)
            {
                Constraint(r, policy.ChangeAfterNoChangesCertification, formatFailure, MessageKey.ChangedAfterNoChangesCertification);
                disallowed = policy.ChangeAfterNoChangesCertification == ConstraintLevel.Fail;
            }
            r.DisallowedModification = disallowed;
            // Filling in form fields is allowed by a certification with P=2 or 3; otherwise the page now shows
            // values the signer did not see: not an attack on the signature, but not VALID either.
            var certP = all.Where(x => x.Field.DocMdpP is not null && x.Field.Revision <= e.Field.Revision).Select(x => x.Field.DocMdpP).FirstOrDefault();
            if (!disallowed && mods.FormFieldsFilled && certP is not (2 or 3))
                Constraint(r, policy.FormFillingAfterApproval, ValidationStatus.Indeterminate(IndeterminateSubIndication.SigConstraintsFailure), MessageKey.FormFilledAfterSigning);
            if (mods.AllowedChanges.Count > 0 && !policy.Modifications.Disallows(mods.Level))
                r.Messages.Add(ValidationMessages.Text(MessageKey.AllowedModifications, string.Join(", ", mods.AllowedChanges.Where(x => !x.StartsWith("objek ", StringComparison.Ordinal)))));
        }
        // Chain.
        if (e.Chain is { } chain)
        {
            foreach (var m in chain.Messages) if (!r.Messages.Contains(m)) r.Messages.Add(m);
            foreach (var k in chain.MessageKeys) if (!r.MessageKeys.Contains(k)) r.MessageKeys.Add(k);
            Set(chain.Status);
            r.ChainTrusted = chain.Trusted;
            r.RevocationSource ??= chain.RevocationSource;
        }
        else if (r.Indication == Indication.TotalPassed)
        {
            Set(ValidationStatus.Indeterminate(IndeterminateSubIndication.NoCertificateChainFound));
        }
        if (e.Field.IsDocTimestamp) { r.Level = null; return; }
        // /M is the signer's own claim: shown, never used as proof. Say so when it contradicts the proven facts.
        if (r.ClaimedSigningTime is { } claimed && policy.ClaimedTimeInconsistent != ConstraintLevel.Ignore)
        {
            if (r.TimestampTime is { } tst && e.Timestamp is { CryptoValid: true } && claimed > tst.AddMinutes(5))
                Constraint(r, ConstraintLevel.Warn, default, MessageKey.ClaimedTimeAfterTimestamp, claimed, tst);
            if (c?.SignerCertificate is { } signerCert && (claimed < signerCert.NotBefore.ToUniversalTime() || claimed > signerCert.NotAfter.ToUniversalTime()))
                Constraint(r, ConstraintLevel.Warn, default, MessageKey.ClaimedTimeOutsideCertificate, claimed);
        }

        // Level reached.
        // The level says which structures are present and cryptographically sound; trust in them is judged above.
        bool hasT = e.Timestamp is { CryptoValid: true } || all.Any(d => d.Field.IsDocTimestamp && d.Timestamp is { CryptoValid: true } && d.Field.Revision > e.Field.Revision);
        int dssRevision = dssRevisions.Where(d => d > e.Field.Revision).DefaultIfEmpty(-1).First();
        bool hasLt = hasT && dssRevision > e.Field.Revision && c?.SignerCertificate is { } sc && DssCovers(dss, sc);
        bool hasLta = hasLt && all.Any(d => d.Field.IsDocTimestamp && d.Timestamp is { CryptoValid: true } && d.Field.Revision >= dssRevision && d.Field.Revision > e.Field.Revision);
        r.Level = hasLta ? PadesLevelReached.BLTA : hasLt ? PadesLevelReached.BLT : hasT ? PadesLevelReached.BT : PadesLevelReached.BB;
    }

    private static bool DssCovers(EmbeddedRevocation dss, X509Certificate2 cert)
    {
        foreach (var (o, _) in dss.Ocsps)
            if (o.Responses.Any(s => Asn1Util.SameInteger(s.Serial, cert.SerialNumberBytes.Span))) return true;
        foreach (var (c, _) in dss.Crls)
            if (c.Issuer.AsSpan().SequenceEqual(cert.IssuerName.RawData)) return true;
        return false;
    }

    private static void Verdict(VerificationReport report)
    {
        var all = report.AllEntries.ToList();
        MessageKey key;
        if (all.Any(s => s.Indication == Indication.TotalFailed)) { report.Verdict = Validation.Verdict.Invalid; key = MessageKey.VerdictInvalid; }
        else if (report.Signatures.Count == 0) { report.Verdict = Validation.Verdict.Indeterminate; key = MessageKey.VerdictOnlyDocumentTimestamps; }
        else if (all.Any(s => s.Indication == Indication.Indeterminate) || all.Any(s => s.DisallowedModification)) { report.Verdict = Validation.Verdict.Indeterminate; key = MessageKey.VerdictIndeterminate; }
        else { report.Verdict = Validation.Verdict.Valid; key = MessageKey.VerdictValid; }
        report.Messages.Add(ValidationMessages.Text(key));
    }
}
