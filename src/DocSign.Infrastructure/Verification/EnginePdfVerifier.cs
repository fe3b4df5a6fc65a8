using DocSign.Validation.Reports;
using System.Security.Cryptography.X509Certificates;
using DocSign.Core.Problems;
using DocSign.Core.Verification;
using DocSign.Infrastructure.Outbound;
using DocSign.Validation;
using Microsoft.Extensions.Logging;


namespace DocSign.Infrastructure.Verification;

/// <summary>
/// <see cref="IPdfVerifier"/> on DocSign.Validation, under the service's <see cref="VerificationProfile"/> and
/// through the outbound policy's HTTP client. The engine's report is read once into the typed result; its JSON (the
/// <c>docsign verify --json</c> object) is written once for the API and never parsed back.
/// </summary>
internal sealed class EnginePdfVerifier(VerificationProfile profile, IHttpClientFactory httpClients, TimeProvider time, ILogger<EnginePdfVerifier> logger)
    : IPdfVerifier
{
    public Task<VerificationResult> VerifyAsync(Stream pdf, string? fileName = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(pdf, fileName, null, cancellationToken);

    public async Task<VerificationResult> VerifyAsync(Stream pdf, string? fileName, string? password, CancellationToken cancellationToken) =>
        ToVerification(await RunAsync(pdf, fileName, password, cancellationToken));

    public Task<(VerificationResult Verification, VerificationReportFile Report)> ReportAsync(Stream pdf, string? fileName,
        VerificationReportFormat format, CancellationToken cancellationToken = default, string? password = null) =>
        RenderAsync(pdf, fileName, format, ReportTime.Utc, cancellationToken, password);

    public Task<(VerificationResult Verification, VerificationReportFile Report)> ReportAsync(Stream pdf, string? fileName,
        VerificationReportFormat format, DocSign.Core.Calendar.OfficeTime time, CancellationToken cancellationToken = default, string? password = null) =>
        RenderAsync(pdf, fileName, format, new ReportTime(time.Zone, time.Label), cancellationToken, password);

    private async Task<(VerificationResult Verification, VerificationReportFile Report)> RenderAsync(Stream pdf, string? fileName,
        VerificationReportFormat format, ReportTime time, CancellationToken cancellationToken, string? password)
    {
        var report = await RunAsync(pdf, fileName, password, cancellationToken);
        using var output = new MemoryStream();
        // The file name carries the time people read on the report: the office's, not UTC.
        var stem = $"laporan-verifikasi-{time.FileStamp(report.ValidationTime)}";
        VerificationReportFile file;
        if (format == VerificationReportFormat.Pdf)
        {
            VerificationReportPdf.Write(output, report, time);
            file = new VerificationReportFile(output.ToArray(), "application/pdf", stem + ".pdf");
        }
        else
        {
            VerificationReportHtml.Write(output, report, time);
            file = new VerificationReportFile(output.ToArray(), "text/html; charset=utf-8", stem + ".html");
        }
        return (ToVerification(report), file);
    }

    private async Task<VerificationReport> RunAsync(Stream pdf, string? fileName, string? password, CancellationToken cancellationToken)
    {
        // The domain clock: a report's validation time is the service's "now", which tests fix.
        var verifier = new PdfSignatureVerifier(httpClients.CreateClient(OutboundHttp.ClientName), time);
        try
        {
            var report = await verifier.VerifyAsync(pdf, profile.Options(password), cancellationToken);
            report.FileName = fileName;
            profile.Mark(report);
            logger.LogInformation("Verified a PDF: {Verdict}, {Count} signature(s)", report.Verdict, report.Signatures.Count);
            return report;
        }
        catch (VerificationInputException e)
        {
            // The file is not a signed PDF we can read. The clerk gets the verifier's reason, but not what a parser
            // or the runtime said underneath it (that stays in the log).
            logger.LogInformation("Verification refused a file: {Reason}", e.Message);
            throw new DocSignProblem(ProblemKind.Invalid, PublicReason(e), e);
        }
    }

    internal static string PublicReason(VerificationInputException e)
    {
        if (e.InnerException is null) return e.Message;
        var cut = e.Message.IndexOf(':');
        return (cut > 0 ? e.Message[..cut] : "berkas tidak dapat diverifikasi") + ".";
    }

    private static VerificationResult ToVerification(VerificationReport report) => new(
        VerificationReportJson.Name(report.Verdict), report.FileSha256 ?? "", report.FileSize, report.RevisionCount, report.ValidationTime,
        report.Messages.ToList(), report.Signatures.Select(ToSignature).ToList(), report.DocumentTimestamps.Select(ToSignature).ToList(),
        Strength(report), ProofExpiry(report), VerificationReportJson.ToJsonElement(report));

    private static VerifiedSignature ToSignature(SignatureResult s) => new(
        s.Field,
        VerificationReportJson.Name(s.Indication),
        s.SubIndication == SubIndication.None ? null : VerificationReportJson.Name(s.SubIndication),
        s.Level is { } level ? VerificationReportJson.Name(level) : null,
        s.Signer?.Name, s.Signer?.Nip, TitleOf(s.Signer?.CertificateBase64), s.Signer?.Issuer,
        s.ClaimedSigningTime, s.TimestampTime, VerificationReportJson.Name(s.Coverage),
        VerificationReportJson.Name(s.ModificationsAfter), s.DisallowedModification, s.ChainTrusted, s.Messages.ToList());

    /// <summary>
    /// The newest proof keeps the file provable: the latest document timestamp's TSA certificate, else the signature
    /// timestamp that expires last.
    /// </summary>
    internal static DateTimeOffset? ProofExpiry(VerificationReport report)
    {
        if (report.DocumentTimestamps.Count > 0) return report.DocumentTimestamps.OrderBy(t => t.TimestampTime).Last().Signer?.NotAfter;
        var expiries = report.Signatures.Select(s => s.TimestampAuthority?.NotAfter).Where(t => t is not null).Select(t => t!.Value).ToList();
        return expiries.Count > 0 ? expiries.Max() : null;
    }

    /// <summary>
    /// The weakest link: the policy's own finding (<see cref="MessageKey.WeakAlgorithm"/>), a SHA-1/MD5 digest, or an
    /// RSA key (signer's or TSA's) under <see cref="AlgorithmStrength.MinRsaKeyBits"/>.
    /// </summary>
    internal static AlgorithmStrength Strength(VerificationReport report)
    {
        var entries = report.AllEntries.ToList();
        var digests = entries.Select(e => e.DigestAlgorithm).Where(d => !string.IsNullOrEmpty(d)).Select(d => d!).ToList();
        var weakestDigest = digests.OrderBy(DigestRank).FirstOrDefault();
        var keys = entries.SelectMany(e => new[] { e.Signer, e.TimestampAuthority }).Select(RsaKeyBits).Where(b => b is not null).Select(b => b!.Value).ToList();
        int? smallest = keys.Count > 0 ? keys.Min() : null;
        var weak = entries.Any(e => e.MessageKeys.Contains(MessageKey.WeakAlgorithm))
                   || (weakestDigest is not null && DigestRank(weakestDigest) < 2)
                   || smallest < AlgorithmStrength.MinRsaKeyBits;
        return new AlgorithmStrength(weakestDigest, smallest, weak);
    }

    // MD5 < SHA-1 < SHA-2 family; unknown names count as strong (the policy's own finding still catches them).
    private static int DigestRank(string name)
    {
        var n = name.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        return n.Contains("MD5", StringComparison.Ordinal) ? 0 : n.Contains("SHA1", StringComparison.Ordinal) ? 1 : 2;
    }

    private static int? RsaKeyBits(SignerDetails? who)
    {
        if (string.IsNullOrEmpty(who?.CertificateBase64)) return null;
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(who.CertificateBase64));
        using var rsa = certificate.GetRSAPublicKey();
        return rsa?.KeySize;
    }

    /// <summary>The jabatan: the certificate subject's title attribute, read by the engine's identity reader (what the stamp shows).</summary>
    private static string? TitleOf(string? certificateBase64)
    {
        if (string.IsNullOrEmpty(certificateBase64)) return null;
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificateBase64));
        return DocSign.Signing.SignerIdentity.From(certificate).Position;
    }
}
