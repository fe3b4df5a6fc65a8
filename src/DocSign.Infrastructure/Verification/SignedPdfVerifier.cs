using System.Security.Cryptography.X509Certificates;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Infrastructure.Outbound;
using DocSign.Infrastructure.Security;
using DocSign.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Verification;

/// <summary>
/// <c>POST /api/verify</c> on DocSign.Validation: the same verifier and the same JSON as
/// <c>docsign verify --json</c>, with the service's configured trust anchors.
/// </summary>
internal sealed class SignedPdfVerifier : ISignedPdfVerifier
{
    private readonly X509Certificate2Collection _anchors;
    private readonly VerificationSettings _settings;
    private readonly HttpClient _http;
    private readonly ILogger<SignedPdfVerifier> _logger;
    private readonly bool _sampleTrusted;
    private readonly PdfSignatureVerifier _verifier;

    public SignedPdfVerifier(IOptions<VerificationSettings> settings, IHttpClientFactory httpClients, ILogger<SignedPdfVerifier> logger, TimeProvider time)
    {
        _settings = settings.Value;
        _logger = logger;
        _http = httpClients.CreateClient(OutboundHttp.ClientName);
        // The domain clock: a report's validation time is the service's \"now\", which tests fix.
        _verifier = new PdfSignatureVerifier(_http, time);
        _anchors = LoadAnchors(_settings.TrustAnchors, logger);
        _sampleTrusted = _anchors.Any(SampleTrust.IsSample);
        if (_sampleTrusted)
            logger.LogWarning("A certificate of the sample PKI is a trust anchor: every verification report says it is a sample (demo and tests only)");
    }

    public Task<object> VerifyAsync(Stream pdf, CancellationToken cancellationToken = default) => VerifyAsync(pdf, null, cancellationToken);

    public async Task<object> VerifyAsync(Stream pdf, string? password, CancellationToken cancellationToken)
    {
        var options = new VerificationOptions
        {
            TrustAnchors = _anchors,
            AllowOnlineRevocation = _settings.AllowOnlineRevocation,
            OnlineTimeout = _settings.OnlineTimeout,
            TimeLimit = _settings.TimeLimit,
            Password = password,
        };
        try
        {
            var report = await _verifier.VerifyAsync(pdf, options, cancellationToken);
            // First, so that the JSON, HTML and PDF renderings of this report all lead with it.
            if (_sampleTrusted) report.Messages.Insert(0, SampleTrust.Warning);
            _logger.LogInformation("Verified an uploaded PDF: {Verdict}, {Count} signature(s)", report.Verdict, report.Signatures.Count);
            return VerificationReportJson.ToJsonElement(report);
        }
        catch (VerificationInputException e)
        {
            // The file is not a signed PDF we can read. The clerk gets the verifier's reason, but not what a parser
            // or the runtime said underneath it (that stays in the log).
            _logger.LogInformation("Verification refused an upload: {Reason}", e.Message);
            throw new DocSignProblem(ProblemKind.Invalid, PublicReason(e), e);
        }
    }

    internal static string PublicReason(VerificationInputException e)
    {
        if (e.InnerException is null) return e.Message;
        var cut = e.Message.IndexOf(':');
        return (cut > 0 ? e.Message[..cut] : "berkas tidak dapat diverifikasi") + ".";
    }

    internal static X509Certificate2Collection LoadAnchors(IEnumerable<string> paths, ILogger logger)
    {
        var anchors = new X509Certificate2Collection();
        foreach (var path in paths.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            if (!File.Exists(path))
            {
                logger.LogWarning("Trust anchor file {Path} does not exist; signatures chaining to it will be INDETERMINATE", path);
                continue;
            }
            anchors.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }
        if (anchors.Count == 0)
            logger.LogWarning("No trust anchors configured (DocSign:Verification:TrustAnchors): every chain will be INDETERMINATE");
        return anchors;
    }
}
