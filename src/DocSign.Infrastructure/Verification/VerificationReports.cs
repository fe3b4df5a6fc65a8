using System.Security.Cryptography.X509Certificates;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Verification;

/// <summary>
/// The screens' view of DocSign.Validation: the same anchors, online policy and HTTP client as
/// <see cref="SignedPdfVerifier"/> (so a policy placed on that client applies here too), with the report
/// mapped to the Core summary or rendered by the engine's own HTML/PDF report writers.
/// </summary>
internal sealed class VerificationReports : IVerificationReports
{
    private readonly X509Certificate2Collection _anchors;
    private readonly VerificationSettings _settings;
    private readonly HttpClient _http;
    private readonly ILogger<VerificationReports> _logger;
    private readonly bool _sampleTrusted;
    private readonly PdfSignatureVerifier _verifier;

    public VerificationReports(IOptions<VerificationSettings> settings, IHttpClientFactory httpClients, ILogger<VerificationReports> logger, TimeProvider time)
    {
        _settings = settings.Value;
        _logger = logger;
        // The same outbound policy and trust as POST /api/verify: the screens verify uploads from anyone too.
        _http = httpClients.CreateClient(Outbound.OutboundHttp.ClientName);
        // The domain clock: a report's validation time is the service's \"now\", which tests fix.
        _verifier = new PdfSignatureVerifier(_http, time);
        _anchors = SignedPdfVerifier.LoadAnchors(_settings.TrustAnchors, logger);
        _sampleTrusted = _anchors.Any(Security.SampleTrust.IsSample);
    }

    public async Task<VerificationSummary> SummarizeAsync(Stream pdf, string? fileName, CancellationToken cancellationToken = default)
    {
        var report = await VerifyAsync(pdf, fileName, cancellationToken);
        return new VerificationSummary(
            VerificationReportJson.Name(report.Verdict), report.FileSha256 ?? "", report.FileSize, report.RevisionCount,
            report.ValidationTime, report.Messages.ToList(),
            report.Signatures.Select(Summarize).ToList(), report.DocumentTimestamps.Select(Summarize).ToList());
    }

    public async Task<VerificationReportFile> RenderReportAsync(Stream pdf, string? fileName, VerificationReportFormat format, CancellationToken cancellationToken = default)
    {
        var report = await VerifyAsync(pdf, fileName, cancellationToken);
        using var output = new MemoryStream();
        var stem = $"laporan-verifikasi-{report.ValidationTime:yyyyMMdd-HHmmss}";
        if (format == VerificationReportFormat.Pdf)
        {
            VerificationReportPdf.Write(output, report);
            return new VerificationReportFile(output.ToArray(), "application/pdf", stem + ".pdf");
        }
        VerificationReportHtml.Write(output, report);
        return new VerificationReportFile(output.ToArray(), "text/html; charset=utf-8", stem + ".html");
    }

    private async Task<VerificationReport> VerifyAsync(Stream pdf, string? fileName, CancellationToken cancellationToken)
    {
        var options = new VerificationOptions
        {
            TrustAnchors = _anchors,
            AllowOnlineRevocation = _settings.AllowOnlineRevocation,
            OnlineTimeout = _settings.OnlineTimeout,
            TimeLimit = _settings.TimeLimit,
        };
        try
        {
            var report = await _verifier.VerifyAsync(pdf, options, cancellationToken);
            report.FileName = fileName;
            if (_sampleTrusted) report.Messages.Insert(0, Security.SampleTrust.Warning);
            _logger.LogInformation("Verified a PDF for a screen: {Verdict}, {Count} signature(s)", report.Verdict, report.Signatures.Count);
            return report;
        }
        catch (VerificationInputException e)
        {
            _logger.LogInformation("Verification refused a file: {Reason}", e.Message);
            throw new DocSignProblem(ProblemKind.Invalid, SignedPdfVerifier.PublicReason(e), e);
        }
    }

    private static SignatureSummary Summarize(SignatureResult s) => new(
        s.Field,
        VerificationReportJson.Name(s.Indication),
        s.SubIndication == SubIndication.None ? null : VerificationReportJson.Name(s.SubIndication),
        s.Level is { } level ? VerificationReportJson.Name(level) : null,
        s.Signer?.Name, s.Signer?.Nip, TitleOf(s.Signer?.CertificateBase64), s.Signer?.Issuer,
        s.ClaimedSigningTime, s.TimestampTime,
        VerificationReportJson.Name(s.ModificationsAfter), s.DisallowedModification, s.ChainTrusted, s.Messages.ToList());

    /// <summary>The jabatan: the certificate subject's title attribute (OID 2.5.4.12, shown by .NET as "T=").</summary>
    internal static string? TitleOf(string? certificateBase64)
    {
        if (string.IsNullOrEmpty(certificateBase64)) return null;
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificateBase64));
        // The engine's identity reader: the same jabatan the signature stamp shows.
        return DocSign.Signing.SignerIdentity.From(certificate).Position;
    }
}
