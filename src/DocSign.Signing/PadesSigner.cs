using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DocSign.Pdf;

namespace DocSign.Signing;

/// <summary>
/// Puts a PAdES signature (ETSI.CAdES.detached, B-B or B-T) on a PDF as one incremental update: the
/// input's bytes are copied unchanged, then a signature field, its dictionary and (if asked) a visible
/// appearance are appended, so earlier signatures stay valid. The document is hashed as a stream while
/// it is copied; memory does not grow with the file.
/// </summary>
/// <remarks>
/// Two ways in: <see cref="SignAsync"/> in one go with a token, or <see cref="PrepareAsync"/> →
/// external signature of <see cref="PreparedSignature.DataToSign"/> → <see cref="CompleteAsync"/> for a
/// hardware token or a remote signing service (the prepared state can be stored in between).
/// </remarks>
public sealed class PadesSigner
{
    private const int CopyBuffer = 1 << 20;
    private readonly TimeProvider _clock;
    private readonly Lazy<ITimestampClient> _tsa;
    private readonly ISignerStatusCheck? _statusCheck;

    /// <summary>Creates a signer with the given clock (for /M) and time-stamp client (for B-T).</summary>
    /// <param name="clock">The clock for /M and the validity check.</param>
    /// <param name="timestampClient">The TSA client for B-T; an HTTP client when null.</param>
    /// <param name="statusCheck">Asked whether the signer's certificate is revoked before anything is signed; no
    /// revocation check when null (the signer itself never goes online for it).</param>
    public PadesSigner(TimeProvider? clock = null, ITimestampClient? timestampClient = null, ISignerStatusCheck? statusCheck = null)
    {
        _clock = clock ?? TimeProvider.System;
        _statusCheck = statusCheck;
        // Lazy: a B-B signature never loads the HTTP stack (it costs start-up time in the CLI).
        _tsa = timestampClient is not null ? new(timestampClient) : new(() => new HttpTimestampClient());
    }

    /// <summary>
    /// Signs <paramref name="input"/> into <paramref name="output"/> with <paramref name="token"/>.
    /// <paramref name="output"/> must be empty, readable, writable and seekable (a FileStream opened ReadWrite).
    /// On any <see cref="SigningException"/> the output content is meaningless: delete it.
    /// </summary>
    public async Task<SigningResult> SignAsync(Stream input, Stream output, SigningParameters parameters, ISigningToken token, CancellationToken cancellationToken = default)
    {
        // The token's certificate is first needed after the original bytes are copied and hashed, so a
        // token that is still loading (DeferredSigningToken) loads meanwhile.
        var prepared = await PrepareCoreAsync(input, output, parameters, () => (token.Certificate, token.Chain), cancellationToken).ConfigureAwait(false);
        byte[] signature = prepared.RsaPss
            ? await token.SignPssAsync(prepared.DataToSign, prepared.Hash, cancellationToken).ConfigureAwait(false)
            : await token.SignAsync(prepared.DataToSign, prepared.Hash, cancellationToken).ConfigureAwait(false);
        return await CompleteCoreAsync(output, prepared, signature, verifyFile: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs the file <paramref name="inputPath"/> into <paramref name="outputPath"/>: writes a temporary
    /// file beside the output and renames it only when everything succeeded, so a refusal or a failed
    /// time-stamp leaves no output file (and an existing one untouched).
    /// </summary>
    public async Task<SigningResult> SignFileAsync(string inputPath, string outputPath, SigningParameters parameters, ISigningToken token, CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(outputPath);
        string tmp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Random.Shared.Next().ToString("x8", CultureInfo.InvariantCulture) + ".tmp");
        try
        {
            SigningResult result;
            // Unbuffered FileStreams: the signer reads and writes in 1 MB blocks itself.
            using (var input = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            using (var output = new FileStream(tmp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1))
                result = await SignAsync(input, output, parameters, token, cancellationToken).ConfigureAwait(false);
            File.Move(tmp, full, overwrite: true);
            return result;
        }
        finally
        {
            try { File.Delete(tmp); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Phase one: writes the signed-to-be file to <paramref name="output"/> with a zero-filled /Contents
    /// and returns what the key must sign. Refuses certificates that cannot sign at the signing time,
    /// encrypted or unreadable PDFs and rectangles off the page; after a refusal the output holds
    /// nothing usable (callers write to a temporary file and delete it).
    /// </summary>
    public Task<PreparedSignature> PrepareAsync(Stream input, Stream output, SigningParameters parameters,
        X509Certificate2 signer, IReadOnlyList<X509Certificate2> chain, CancellationToken cancellationToken = default) =>
        PrepareCoreAsync(input, output, parameters, () => (signer, chain), cancellationToken);

    private async Task<PreparedSignature> PrepareCoreAsync(Stream input, Stream output, SigningParameters parameters,
        Func<(X509Certificate2 Signer, IReadOnlyList<X509Certificate2> Chain)> who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (!input.CanSeek || !input.CanRead) throw new ArgumentException("The input must be readable and seekable.", nameof(input));
        if (!output.CanSeek || !output.CanWrite || !output.CanRead) throw new ArgumentException("The output must be readable, writable and seekable.", nameof(output));
        if (parameters.Level is PadesLevel.BLT or PadesLevel.BLTA)
            throw new SigningException(SigningErrorCode.UnsupportedLevel,
                "Level B-LT/B-LTA dibuat dengan menandatangani B-T lalu menjalankan 'docsign extend'.");
        if (parameters.Level == PadesLevel.BT && parameters.TsaUrl is null)
            throw new SigningException(SigningErrorCode.TimestampFailed, "Level B-T memerlukan alamat TSA (--tsa).");
        var time = parameters.SigningTime ?? _clock.GetUtcNow();
        var hash = parameters.DigestAlgorithm;
        CadesSignedData.DigestOid(hash); // refuses weak digests early

        input.Position = 0;
        PdfFile pdf;
        try { pdf = PdfFile.Open(input, ct: cancellationToken, leaveOpen: true); }
        catch (PdfException e)
        {
            throw Refusal(e);
        }
        using (pdf)
        {
            // An encrypted file that opens without a user password ("restrict editing") is signed, the update encrypted
            // with the document's own key; one that needs a user password is refused.
            if (pdf.EncryptionProblem is not null)
                throw new SigningException(SigningErrorCode.EncryptedPdf, EncryptedRefusal);

            // 1. The original bytes, unchanged, hashed on the way (they open the first byte range).
            output.SetLength(0);
            output.Position = 0;
            using var digest = IncrementalHash.CreateHash(hash);
            input.Position = 0;
            long inputLength = await CopyAndHashAsync(input, output, digest, pdf.Length, cancellationToken).ConfigureAwait(false);

            var (signer, chain) = who();
            if (parameters.RsaPss && signer.PublicKey.Oid.Value != Oids.RsaEncryption)
                throw new SigningException(SigningErrorCode.KeyUsageNotAllowed, "RSASSA-PSS hanya untuk kunci RSA; kunci penanda tangan ini bukan RSA.");
            SignerCertificateChecks.EnsureCanSign(signer, time);
            if (_statusCheck is not null)
                await _statusCheck.EnsureNotRevokedAsync(signer, chain, time, cancellationToken).ConfigureAwait(false);
            int reserve = parameters.ContentsReserve ?? EstimateReserve(signer, chain, parameters.Level);
            var identity = SignerIdentity.From(signer);

            SignatureUpdatePlan plan;
            try { plan = SignatureUpdatePlan.Build(pdf, parameters, identity, time, reserve); }
            catch (PdfException e)
            {
                throw Refusal(e);
            }

            // 2. The incremental update with exact-size placeholders.
            PdfPlaceholder contents, byteRange;
            try { (contents, byteRange) = plan.Write(pdf, output); }
            catch (PdfException e)
            {
                throw Refusal(e);
            }
            long fileLength = output.Length;
            long gapStart = contents.Offset, gapEnd = contents.Offset + contents.Length;
            long[] range = [0, gapStart, gapEnd, fileLength - gapEnd];
            PdfPlaceholderPatcher.PatchByteRange(output, byteRange, range);

            // 3. The rest of the first range (the update up to '<') and the second range.
            await HashRangeAsync(output, inputLength, gapStart - inputLength, digest, cancellationToken).ConfigureAwait(false);
            await HashRangeAsync(output, gapEnd, fileLength - gapEnd, digest, cancellationToken).ConfigureAwait(false);
            byte[] documentDigest = digest.GetHashAndReset();

            byte[] attrs = CadesSignedData.BuildSignedAttributes(documentDigest, signer, hash);
            return new PreparedSignature
            {
                FieldName = plan.FieldName,
                ByteRange = range,
                ContentsOffset = gapStart + 1,
                ContentsReserve = reserve,
                FileLength = fileLength,
                DigestAlgorithm = hash.Name!,
                DocumentDigest = documentDigest,
                DataToSign = attrs,
                SignerCertificate = signer.RawData,
                Chain = chain.Select(c => c.RawData).ToArray(),
                Level = parameters.Level,
                TsaUrl = parameters.TsaUrl,
                RsaPss = parameters.RsaPss,
            };
        }
    }

    /// <summary>
    /// The one sentence a restricted or password-protected PDF is refused with. Such files are refused rather than
    /// signed: a restrict-editing file forbids the very change a signature is, and what the Camat needs is the
    /// document signed, which an unrestricted copy (printed to PDF) gives without breaking anyone's restriction.
    /// </summary>
    public const string EncryptedRefusal =
        "PDF ini terenkripsi dengan kata sandi pembuka dokumen (atau dengan cara yang tidak didukung) sehingga tidak dapat ditandatangani; buka berkas itu di penampil PDF, pilih Cetak lalu \"Simpan sebagai PDF\" (tanpa kata sandi), dan kirim salinan tersebut.";

    /// <summary>
    /// A reader failure as one sentence for the person signing; the reader's own (English, technical) reason stays
    /// in the inner exception for the logs.
    /// </summary>
    internal static SigningException Refusal(PdfException e) => new(SigningErrorCode.UnreadablePdf, e.ErrorKind switch
    {
        PdfErrorKind.NotPdf => "Berkas ini bukan PDF sehingga tidak dapat ditandatangani.",
        PdfErrorKind.Truncated => "Berkas PDF ini terpotong (tidak lengkap) sehingga tidak dapat ditandatangani; kirim kembali berkas aslinya yang utuh.",
        PdfErrorKind.LimitExceeded => "Berkas PDF ini melampaui batas ukuran atau kerumitan yang dapat ditandatangani; perkecil atau pecah berkas itu, lalu kirim kembali.",
        _ => "Berkas PDF ini rusak sehingga tidak dapat ditandatangani dengan aman; buka di penampil PDF, simpan ulang sebagai PDF baru, lalu kirim kembali.",
    }, e);

    /// <summary>
    /// Phase two: checks <paramref name="signatureValue"/> against the signer's certificate and that
    /// <paramref name="preparedFile"/> is still the prepared file, adds the signature time-stamp for B-T,
    /// and writes the CMS into /Contents in place.
    /// </summary>
    public Task<SigningResult> CompleteAsync(Stream preparedFile, PreparedSignature prepared, byte[] signatureValue, CancellationToken cancellationToken = default) =>
        CompleteCoreAsync(preparedFile, prepared, signatureValue, verifyFile: true, cancellationToken);

    private async Task<SigningResult> CompleteCoreAsync(Stream file, PreparedSignature p, byte[] signatureValue, bool verifyFile, CancellationToken ct)
    {
        using var signer = X509CertificateLoader.LoadCertificate(p.SignerCertificate);
        var chain = p.Chain.Select(c => X509CertificateLoader.LoadCertificate(c)).ToList();
        try
        {
            if (!CadesSignedData.VerifySignatureValue(signer, p.DataToSign, signatureValue, p.Hash, p.RsaPss))
                throw new SigningException(SigningErrorCode.BadSignatureValue,
                    "Nilai tanda tangan dari token tidak cocok dengan sertifikat penanda tangan.");
            if (verifyFile) await EnsureUnchangedAsync(file, p, ct).ConfigureAwait(false);

            byte[]? tst = null;
            DateTimeOffset? tsTime = null;
            if (p.Level == PadesLevel.BT)
            {
                var ts = await _tsa.Value.GetTokenAsync(p.TsaUrl!, HashBytes(p.Hash, signatureValue), p.Hash, ct).ConfigureAwait(false);
                tst = ts.Token;
                tsTime = ts.Time;
            }
            byte[] cms = CadesSignedData.Build(p.DataToSign, signatureValue, signer, chain, p.Hash, tst, p.RsaPss);
            if (cms.Length > p.ContentsReserve)
                throw new SigningException(SigningErrorCode.SignatureTooLarge,
                    $"Tanda tangan ({cms.Length} byte) melebihi ruang yang disediakan ({p.ContentsReserve} byte).");
            byte[] hex = Encoding.ASCII.GetBytes(Convert.ToHexString(cms));
            file.Position = p.ContentsOffset;
            await WriteBlockAsync(file, hex, ct).ConfigureAwait(false);
            if (IsSyncStream(file)) file.Flush();
            else await file.FlushAsync(ct).ConfigureAwait(false);
            return new SigningResult(p.FieldName, p.ByteRange, cms, tsTime);
        }
        finally
        {
            foreach (var c in chain) c.Dispose();
        }
    }

    private static async Task EnsureUnchangedAsync(Stream file, PreparedSignature p, CancellationToken ct)
    {
        if (file.Length != p.FileLength)
            throw new SigningException(SigningErrorCode.PreparedStateMismatch, "Berkas yang disiapkan telah berubah sejak persiapan tanda tangan.");
        using var digest = IncrementalHash.CreateHash(p.Hash);
        await HashRangeAsync(file, p.ByteRange[0], p.ByteRange[1], digest, ct).ConfigureAwait(false);
        await HashRangeAsync(file, p.ByteRange[2], p.ByteRange[3], digest, ct).ConfigureAwait(false);
        if (!digest.GetHashAndReset().AsSpan().SequenceEqual(p.DocumentDigest))
            throw new SigningException(SigningErrorCode.PreparedStateMismatch, "Berkas yang disiapkan telah berubah sejak persiapan tanda tangan.");
    }

    private static byte[] HashBytes(HashAlgorithmName hash, byte[] data)
    {
        using var h = IncrementalHash.CreateHash(hash);
        h.AppendData(data);
        return h.GetHashAndReset();
    }

    /// <summary>Room for the CMS: the certificates, the signature, attributes, and for B-T a token with the TSA's chain.</summary>
    private static int EstimateReserve(X509Certificate2 signer, IReadOnlyList<X509Certificate2> chain, PadesLevel level)
    {
        int certs = signer.RawData.Length + chain.Sum(c => c.RawData.Length);
        int size = certs + 4096;
        if (level == PadesLevel.BT) size += 12288;
        return (size + 1023) / 1024 * 1024;
    }

    private static async Task<long> CopyAndHashAsync(Stream input, Stream output, IncrementalHash digest, long length, CancellationToken ct)
    {
        var buf = new byte[CopyBuffer];
        long total = 0;
        while (total < length)
        {
            int n = await ReadBlockAsync(input, buf.AsMemory(0, (int)Math.Min(buf.Length, length - total)), ct).ConfigureAwait(false);
            if (n == 0) break;
            digest.AppendData(buf, 0, n);
            await WriteBlockAsync(output, buf.AsMemory(0, n), ct).ConfigureAwait(false);
            total += n;
        }
        return total;
    }

    // A FileStream opened without FileOptions.Asynchronous (SignFileAsync's) runs each ReadAsync/WriteAsync
    // as a thread-pool work item around the same blocking call: for a 10 MB file twenty thread hops, and in
    // a CLI run the async machinery they need is compiled at start-up. Such streams and memory streams are
    // read and written synchronously (the awaits then complete at once); any other stream stays asynchronous.
    private static bool IsSyncStream(Stream s) => s is FileStream { IsAsync: false } or MemoryStream;

    private static ValueTask<int> ReadBlockAsync(Stream s, Memory<byte> buffer, CancellationToken ct)
    {
        if (!IsSyncStream(s)) return s.ReadAsync(buffer, ct);
        ct.ThrowIfCancellationRequested();
        return new ValueTask<int>(s.Read(buffer.Span));
    }

    private static ValueTask WriteBlockAsync(Stream s, ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
        if (!IsSyncStream(s)) return s.WriteAsync(buffer, ct);
        ct.ThrowIfCancellationRequested();
        s.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    private static async Task HashRangeAsync(Stream s, long offset, long length, IncrementalHash digest, CancellationToken ct)
    {
        var buf = new byte[(int)Math.Min(CopyBuffer, Math.Max(length, 1))];
        s.Position = offset;
        long left = length;
        while (left > 0)
        {
            int n = await ReadBlockAsync(s, buf.AsMemory(0, (int)Math.Min(buf.Length, left)), ct).ConfigureAwait(false);
            if (n == 0) throw new SigningException(SigningErrorCode.PreparedStateMismatch, "Berkas berakhir sebelum rentang yang ditandatangani.");
            digest.AppendData(buf, 0, n);
            left -= n;
        }
    }

    internal static string PdfDate(DateTimeOffset t)
    {
        var w = t.ToOffset(TimeSpan.FromHours(7));
        return "D:" + w.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+07'00'";
    }
}

/// <summary>What one signing produced.</summary>
/// <param name="FieldName">The signature field's name.</param>
/// <param name="ByteRange">The /ByteRange.</param>
/// <param name="Cms">The DER CMS written into /Contents.</param>
/// <param name="TimestampTime">The signature time-stamp's time (B-T), else null.</param>
public sealed record SigningResult(string FieldName, long[] ByteRange, byte[] Cms, DateTimeOffset? TimestampTime);
