using System.Security.Cryptography.X509Certificates;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
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

    public SignedPdfVerifier(IOptions<VerificationSettings> settings, IHttpClientFactory httpClients, ILogger<SignedPdfVerifier> logger)
    {
        _settings = settings.Value;
        _logger = logger;
        _http = httpClients.CreateClient(nameof(SignedPdfVerifier));
        _anchors = LoadAnchors(_settings.TrustAnchors, logger);
    }

    public async Task<object> VerifyAsync(Stream pdf, CancellationToken cancellationToken = default)
    {
        var options = new VerificationOptions
        {
            TrustAnchors = _anchors,
            AllowOnlineRevocation = _settings.AllowOnlineRevocation,
            OnlineTimeout = _settings.OnlineTimeout,
            TimeLimit = _settings.TimeLimit,
            HttpClient = _http,
        };
        try
        {
            var report = await PdfSignatureVerifier.VerifyAsync(pdf, options, cancellationToken);
            _logger.LogInformation("Verified an uploaded PDF: {Verdict}, {Count} signature(s)", report.Verdict, report.Signatures.Count);
            return VerificationReportJson.ToJsonElement(report);
        }
        catch (VerificationInputException e)
        {
            // The file is not a signed PDF we can read: the clerk gets the verifier's own Indonesian reason.
            _logger.LogInformation("Verification refused an upload: {Reason}", e.Message);
            throw new DocSignProblem(ProblemKind.Invalid, e.Message, e);
        }
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
