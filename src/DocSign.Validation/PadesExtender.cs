using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocSign.Pdf;
using DocSign.Signing;
using DocSign.Validation.Crypto;
using DocSign.Validation.PdfStructure;
using DocSign.Validation.Revocation;

namespace DocSign.Validation;

/// <summary>What `docsign extend` should reach.</summary>
public enum ExtensionTarget
{
    /// <summary>Add a DSS with the certificates and fresh OCSP/CRL every signature and timestamp needs.</summary>
    BLT,
    /// <summary>B-LT, then a document timestamp over everything.</summary>
    BLTA,
}

/// <summary>Options of <see cref="PadesExtender.ExtendAsync"/>.</summary>
public sealed class ExtensionOptions
{
    /// <summary>Target level.</summary>
    public ExtensionTarget Target { get; init; } = ExtensionTarget.BLT;

    /// <summary>TSA for the document timestamp (required for B-LTA).</summary>
    public Uri? TsaUrl { get; init; }

    /// <summary>Anchors the chains must reach; validation data is only gathered for trusted chains.</summary>
    public X509Certificate2Collection TrustAnchors { get; init; } = new();

    /// <summary>Time limit for each OCSP/CRL/TSA request.</summary>
    public TimeSpan OnlineTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>HTTP client for OCSP/CRL (a private one when null).</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>TSA client (the product's RFC 3161 client when null).</summary>
    public ITimestampClient? TimestampClient { get; init; }
}

/// <summary>What an extension added.</summary>
/// <param name="Certificates">Certificates put in the DSS.</param>
/// <param name="OcspResponses">OCSP responses put in the DSS.</param>
/// <param name="Crls">CRLs put in the DSS.</param>
/// <param name="DocumentTimestampTime">Time of the document timestamp (B-LTA), else null.</param>
/// <param name="Report">Verification of the extended file (offline, with the given anchors).</param>
public sealed record ExtensionResult(int Certificates, int OcspResponses, int Crls, DateTimeOffset? DocumentTimestampTime, VerificationReport Report);

/// <summary>The input cannot be extended (unreadable, not signed, untrusted, revoked, or a service did not answer). Message in Bahasa Indonesia.</summary>
public sealed class ExtensionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExtensionException(string message, bool serviceUnavailable = false, Exception? inner = null) : base(message, inner) => ServiceUnavailable = serviceUnavailable;

    /// <summary>True when an online service (OCSP, CRL, TSA) failed: worth retrying later.</summary>
    public bool ServiceUnavailable { get; }
}

/// <summary>
/// Extends signed PDFs to B-LT (a DSS with every certificate, OCSP response and CRL that the signatures, their
/// timestamps and earlier document timestamps need up to the trust anchor, with a VRI entry per signature) and
/// to B-LTA (then a document timestamp). Appends incremental updates only; never changes a signed byte. The
/// result is verified before it is handed back.
/// </summary>
public static class PadesExtender
{
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>Reads <paramref name="input"/>, writes the extended PDF to <paramref name="output"/> (seekable, empty).</summary>
    /// <exception cref="ExtensionException">The file cannot be extended; nothing useful was written.</exception>
    public static async Task<ExtensionResult> ExtendAsync(Stream input, Stream output, ExtensionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrustAnchors.Count == 0) throw new ExtensionException("tidak ada jangkar kepercayaan (--trust): data validasi hanya dikumpulkan untuk rantai yang tepercaya");
        if (options.Target == ExtensionTarget.BLTA && options.TsaUrl is null) throw new ExtensionException("B-LTA memerlukan alamat TSA (--tsa)");
        var src = new MemoryStream();
        await input.CopyToAsync(src, cancellationToken).ConfigureAwait(false);
        var bytes = src.ToArray();

        var counts = new int[3];
        bytes = await AppendDssAsync(bytes, options, _ => true, counts, cancellationToken).ConfigureAwait(false);
        DateTimeOffset? dtsTime = null;
        if (options.Target == ExtensionTarget.BLTA)
        {
            string dtsField;
            (bytes, dtsTime, dtsField) = await AddDocumentTimestampAsync(bytes, options, cancellationToken).ConfigureAwait(false);
            // The new document timestamp's own validation data (its TSA's chain and status) in a DSS after it, so
            // that it validates offline too; the next renewal timestamps that DSS in turn.
            bytes = await AppendDssAsync(bytes, options, f => f.FieldName == dtsField, counts, cancellationToken).ConfigureAwait(false);
        }

        // Check what was made before handing it back: offline, with the same anchors.
        VerificationReport report;
        using (var check = new MemoryStream(bytes, writable: false))
        {
            try
            {
                report = await PdfSignatureVerifier.Default.VerifyAsync(check, new VerificationOptions { TrustAnchors = options.TrustAnchors, AllowOnlineRevocation = false }, cancellationToken).ConfigureAwait(false);
            }
            catch (VerificationInputException e) { throw new ExtensionException("hasil perpanjangan tidak dapat diverifikasi: " + e.Message, inner: e); }
        }
        var want = options.Target == ExtensionTarget.BLTA ? PadesLevelReached.BLTA : PadesLevelReached.BLT;
        var short_ = report.Signatures.Where(s => s.Level < want).Select(s => s.Field).ToList();
        if (short_.Count > 0)
            throw new ExtensionException($"setelah perpanjangan, tanda tangan {string.Join(", ", short_)} belum mencapai {VerificationReportJson.Name(want)}: " + string.Join("; ", report.Signatures.SelectMany(s => s.Messages).Distinct().Take(5)));
        await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        return new ExtensionResult(counts[0], counts[1], counts[2], dtsTime, report);
    }

    private static async Task<byte[]> AppendDssAsync(byte[] bytes, ExtensionOptions options, Func<PdfSignatureField, bool> which, int[] counts, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var http = options.HttpClient ?? SharedHttp.Value;
        var verifyOptions = new VerificationOptions { TrustAnchors = options.TrustAnchors, OnlineTimeout = options.OnlineTimeout, HttpClient = http };
        var fetcher = new CertificateValidator(verifyOptions, new EmbeddedRevocation(), http, now);

        var certs = new Dictionary<string, X509Certificate2>(StringComparer.Ordinal);
        var ocsps = new List<byte[]>();
        var crls = new List<byte[]>();
        var vri = new Dictionary<string, (List<X509Certificate2> Certs, List<byte[]> Ocsps, List<byte[]> Crls)>(StringComparer.Ordinal);
        var crlSeen = new HashSet<string>(StringComparer.Ordinal);
        var statusDone = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var file = PdfFile.Open(bytes, PdfLimits.Default, cancellationToken);
            if (file.EncryptionProblem is not null) throw new ExtensionException("PDF ini terenkripsi dengan kata sandi pembuka dokumen; data validasi tidak dapat ditambahkan tanpa kata sandi itu");
            if (file.Trailer["Root"] is not PdfReference) throw new ExtensionException("PDF tanpa katalog");
            var all = SignatureLocator.Find(file.Latest);
            if (all.Count == 0) throw new ExtensionException("PDF tidak memuat tanda tangan elektronik");
            var fields = all.Where(which).ToList();
            foreach (var f in fields)
            {
                if (f.Contents is null) throw new ExtensionException($"tanda tangan {f.FieldName} tidak memuat /Contents");
                CmsSignedData cms;
                try { cms = CmsSignedData.Decode(f.Contents); }
                catch (CmsFormatException e) { throw new ExtensionException($"tanda tangan {f.FieldName}: {e.Message}"); }
                var cmsCerts = Load(cms.Certificates);
                var entry = (Certs: new List<X509Certificate2>(), Ocsps: new List<byte[]>(), Crls: new List<byte[]>());
                vri[Convert.ToHexString(SHA1.HashData(f.Contents))] = entry;
                var ends = new List<(X509Certificate2 Cert, IEnumerable<X509Certificate2> Extra, string What)>();
                var signer = cms.SignerInfos.Count == 1 ? cmsCerts.FirstOrDefault(cms.SignerInfos[0].Names) : null;
                if (signer is null) throw new ExtensionException($"sertifikat penanda tangan {f.FieldName} tidak ditemukan dalam CMS");
                ends.Add((signer, cmsCerts, f.IsDocTimestamp ? "TSA stempel waktu dokumen " + f.FieldName : "penanda tangan " + f.FieldName));
                if (!f.IsDocTimestamp && cms.SignerInfos[0].Unsigned(Oids.SignatureTimeStamp) is { Values.Count: > 0 } ts)
                {
                    try
                    {
                        var token = CmsSignedData.Decode(ts.Values[0]);
                        var tokenCerts = Load(token.Certificates);
                        var tsa = token.SignerInfos.Count == 1 ? tokenCerts.FirstOrDefault(token.SignerInfos[0].Names) : null;
                        if (tsa is not null) ends.Add((tsa, tokenCerts, "TSA tanda tangan " + f.FieldName));
                    }
                    catch (CmsFormatException) { }
                }
                else if (!f.IsDocTimestamp && options.Target == ExtensionTarget.BLT)
                {
                    throw new ExtensionException($"tanda tangan {f.FieldName} belum memiliki stempel waktu (B-T); B-LT memerlukannya. Perpanjang ke B-LTA atau tanda tangani ulang dengan --level B-T");
                }
                foreach (var (cert, extra, what) in ends)
                {
                    var chain = BuildChain(cert, extra, options.TrustAnchors, now, what);
                    foreach (var c in chain) { certs.TryAdd(c.Thumbprint, c); if (!entry.Certs.Contains(c)) entry.Certs.Add(c); }
                    for (int i = 0; i < chain.Count - 1; i++)
                    {
                        var c = chain[i];
                        if (CertificateValidator.HasOcspNoCheck(c) || !statusDone.Add(c.Thumbprint)) continue;
                        var (ocsp, crl, status, problem) = await fetcher.FetchAsync(c, chain[i + 1], cancellationToken).ConfigureAwait(false);
                        if (status == CertStatus.Revoked) throw new ExtensionException($"sertifikat {c.GetNameInfo(X509NameType.SimpleName, false)} ({what}) sudah dicabut; tidak diperpanjang");
                        if (ocsp is null && crl is null) throw new ExtensionException($"status pencabutan {c.GetNameInfo(X509NameType.SimpleName, false)} ({what}) tidak dapat diambil: {problem}", serviceUnavailable: true);
                        if (ocsp is not null)
                        {
                            ocsps.Add(ocsp);
                            entry.Ocsps.Add(ocsp);
                            if (OcspResponse.TryParse(ocsp, out _) is { } parsed)
                                foreach (var rc in parsed.Certificates) certs.TryAdd(rc.Thumbprint, rc);
                        }
                        if (crl is not null)
                        {
                            if (crlSeen.Add(Convert.ToHexString(SHA256.HashData(crl)))) crls.Add(crl);
                            entry.Crls.Add(crl);
                        }
                    }
                }
            }

            // The writing is DocSign.Signing's; what goes in it was decided above.
            var update = new DssUpdate();
            update.Certificates.AddRange(certs.Values.Select(c => c.RawData));
            update.OcspResponses.AddRange(ocsps);
            update.Crls.AddRange(crls);
            foreach (var (key, e) in vri) update.Vri[key] = (e.Certs.Select(c => c.RawData).ToList(), e.Ocsps, e.Crls);
            var written = LtvUpdateWriter.AppendDss(file, update);
            counts[0] += certs.Count; counts[1] += ocsps.Count; counts[2] += crls.Count;
            return written;
        }
        catch (PdfException e)
        {
            throw new ExtensionException("berkas tidak dapat dibaca sebagai PDF: " + e.Message, inner: e);
        }

    }

    private static List<X509Certificate2> Load(IEnumerable<byte[]> raws)
    {
        var list = new List<X509Certificate2>();
        foreach (var r in raws)
        {
            try { list.Add(CertificateCache.Load(r)); } catch (CryptographicException) { }
        }
        return list;
    }

    private static List<X509Certificate2> BuildChain(X509Certificate2 cert, IEnumerable<X509Certificate2> extra, X509Certificate2Collection anchors, DateTimeOffset now, string what)
    {
        // Expiry is not a reason to refuse: old signatures are extended precisely to outlive their certificates.
        var path = PathBuilder.Build(cert, extra, anchors, now, null, checkTime: false);
        if (path.Problem != PathProblem.None)
            throw new ExtensionException($"rantai sertifikat {what} tidak berakhir pada jangkar kepercayaan: {path.Message}; tidak diperpanjang");
        return path.Chain;
    }

    private static async Task<(byte[] Bytes, DateTimeOffset Time, string Field)> AddDocumentTimestampAsync(byte[] pdf, ExtensionOptions options, CancellationToken ct)
    {
        try
        {
            using var file = PdfFile.Open(pdf, PdfLimits.Default, ct);
            var existing = SignatureLocator.Find(file.Latest).Select(f => f.FieldName);
            var client = options.TimestampClient ?? new HttpTimestampClient(new HttpClient { Timeout = options.OnlineTimeout * 2 });
            return await LtvUpdateWriter.AddDocumentTimestampAsync(file, existing, client, options.TsaUrl!, ct).ConfigureAwait(false);
        }
        catch (SigningException e) when (e.Code == SigningErrorCode.SignatureTooLarge) { throw new ExtensionException(e.Message, inner: e); }
        catch (SigningException e) { throw new ExtensionException("stempel waktu dokumen gagal: " + e.Message, serviceUnavailable: true, inner: e); }
        catch (PdfException e) { throw new ExtensionException("berkas tidak dapat dibaca sebagai PDF: " + e.Message, inner: e); }
    }
}
