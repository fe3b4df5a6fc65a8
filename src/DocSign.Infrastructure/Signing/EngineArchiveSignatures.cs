using DocSign.Core.Archive;
using DocSign.Infrastructure.Outbound;
using DocSign.Infrastructure.Verification;
using DocSign.Signing;
using DocSign.Validation;
using Microsoft.Extensions.Options;

namespace DocSign.Infrastructure.Signing;

/// <summary>
/// The archive's renewal on the engine: <see cref="PadesExtender"/> to B-LTA, collecting validation data under the
/// service's one <see cref="VerificationProfile"/>. (The archive's verdicts come from <c>IPdfVerifier</c>.)
/// </summary>
public sealed class EngineArchiveSignatures(VerificationProfile profile, IOptions<LetterSigningOptions> signing, IHttpClientFactory http) : IArchiveSignatures
{
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
            TrustAnchors = profile.Anchors,
            // Revocation through the outbound policy; the configured TSA through its own no-redirect client.
            HttpClient = http.CreateClient(OutboundHttp.ClientName),
            TimestampClient = new HttpTimestampClient(http.CreateClient(PadesSignatureService.TsaClient)),
        }, cancellationToken);
        return output.ToArray();
    }
}
