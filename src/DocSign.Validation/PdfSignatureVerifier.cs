using DocSign.Pdf;
using DocSign.Validation.Evidence;
using DocSign.Validation.Judgement;

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

    private async Task<VerificationReport> VerifyCoreAsync(Stream stream, VerificationOptions options, CancellationToken ct)
    {
        var now = options.ValidationTime ?? _time.GetUtcNow();
        var http = options.HttpClient ?? _http ?? SharedHttp.Value;
        var report = new VerificationReport { ValidationTime = now, FileSize = stream.Length };
        if (stream.Length == 0) throw new VerificationInputException("berkas kosong");
        var evidence = await new EvidenceCollector(Policy).CollectAsync(stream, options, report, now, http, ct).ConfigureAwait(false);

        // Judgements, then the level each signature reached.
        var judge = new PolicyJudge(Policy);
        var entries = evidence.Entries;
        foreach (var e in entries)
        {
            judge.Judge(e, entries);
            e.Result.Level = e.Field.IsDocTimestamp ? null : PadesLevels.Reached(e, entries, evidence.Dss, evidence.DssRevisions);
        }
        foreach (var e in entries)
            (e.Field.IsDocTimestamp ? report.DocumentTimestamps : report.Signatures).Add(e.Result);
        PolicyJudge.Verdict(report);
        return report;
    }
}
