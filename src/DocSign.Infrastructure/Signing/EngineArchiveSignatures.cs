using System.Security.Cryptography.X509Certificates;
using DocSign.Core.Archive;
using DocSign.Infrastructure.Outbound;
using DocSign.Infrastructure.Verification;
using DocSign.Signing;
using DocSign.Validation;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Signing;

/// <summary>The archive's view of the engine: <see cref="PdfSignatureVerifier"/> for verdicts, <see cref="PadesExtender"/> for B-LTA renewal.</summary>
public sealed class EngineArchiveSignatures(IOptions<VerificationSettings> verification, IOptions<LetterSigningOptions> signing, IHttpClientFactory http, TimeProvider time) : IArchiveSignatures
{
    private readonly Lazy<X509Certificate2Collection> _anchors = new(() =>
    {
        var c = new X509Certificate2Collection();
        foreach (var p in verification.Value.TrustAnchors.Where(File.Exists)) c.Add(X509CertificateLoader.LoadCertificateFromFile(p));
        return c;
    });

    public async Task<ArchiveCheck> CheckAsync(byte[] pdf, CancellationToken cancellationToken = default)
    {
        using var input = new MemoryStream(pdf, writable: false);
        var verifier = new PdfSignatureVerifier(http.CreateClient(OutboundHttp.ClientName), time);
        var report = await verifier.VerifyAsync(input, new VerificationOptions
        {
            TrustAnchors = _anchors.Value,
            AllowOnlineRevocation = verification.Value.AllowOnlineRevocation,
            OnlineTimeout = verification.Value.OnlineTimeout,
        }, cancellationToken);
        var expiries = report.DocumentTimestamps.Select(t => t.Signer?.NotAfter)
            .Concat(report.Signatures.Select(s => s.TimestampAuthority?.NotAfter))
            .Where(t => t is not null).Select(t => t!.Value).ToList();
        // The newest proof is what keeps the file provable; among equals, the one that expires last.
        DateTimeOffset? expiry = report.DocumentTimestamps.Count > 0
            ? report.DocumentTimestamps.OrderBy(t => t.TimestampTime).Last().Signer?.NotAfter
            : expiries.Count > 0 ? expiries.Max() : null;
        var weak = report.AllEntries.Any(e => IsWeak(e.DigestAlgorithm) || IsWeak(e.SignatureAlgorithm));
        return new ArchiveCheck(VerificationReportJson.Name(report.Verdict), expiry, weak);
    }

    public async Task<byte[]> AddDocumentTimestampAsync(byte[] pdf, CancellationToken cancellationToken = default)
    {
        var tsa = signing.Value.TsaUrl;
        if (string.IsNullOrWhiteSpace(tsa)) throw new InvalidOperationException("Renewing an archive timestamp needs DocSign:Letters:Signing:TsaUrl.");
        using var input = new MemoryStream(pdf, writable: false);
        using var output = new MemoryStream();
        await PadesExtender.ExtendAsync(input, output, new ExtensionOptions
        {
            Target = ExtensionTarget.BLTA,
            TsaUrl = new Uri(tsa),
            TrustAnchors = _anchors.Value,
            // Revocation through the outbound policy; the configured TSA through its own no-redirect client.
            HttpClient = http.CreateClient(OutboundHttp.ClientName),
            TimestampClient = new HttpTimestampClient(http.CreateClient(PadesSignatureService.TsaClient)),
        }, cancellationToken);
        return output.ToArray();
    }

    private static bool IsWeak(string? algorithm) =>
        algorithm is not null && (algorithm.Contains("SHA1", StringComparison.OrdinalIgnoreCase) || algorithm.Contains("SHA-1", StringComparison.OrdinalIgnoreCase)
                                  || algorithm.Contains("MD5", StringComparison.OrdinalIgnoreCase));
}
