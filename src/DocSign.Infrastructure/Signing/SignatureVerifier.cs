using System.Text.Json;
using DocSign.Core.Ports;
using DocSign.Core.Signing;

namespace DocSign.Infrastructure.Signing;

/// <summary>
/// <see cref="ISignatureVerifier"/> on the service's verifier (<see cref="ISignedPdfVerifier"/>, the one behind
/// <c>POST /api/verify</c>), so the signing screens and the public page judge with exactly the same trust and
/// outbound-call rules as an auditor's check. Reads the contract's JSON keys only.
/// </summary>
internal sealed class SignatureVerifier(ISignedPdfVerifier verifier) : ISignatureVerifier
{
    public async Task<SignatureVerification> VerifyAsync(Stream pdf, CancellationToken cancellationToken = default)
    {
        var report = await verifier.VerifyAsync(pdf, cancellationToken);
        var json = report is JsonElement e ? e : JsonSerializer.SerializeToElement(report);
        var signatures = new List<VerifiedSignature>();
        if (json.TryGetProperty("signatures", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in list.EnumerateArray())
            {
                var signer = s.TryGetProperty("signer", out var sg) && sg.ValueKind == JsonValueKind.Object ? sg : default;
                signatures.Add(new VerifiedSignature(
                    Text(s, "field") ?? "", Text(s, "indication") ?? "INDETERMINATE", Text(s, "subIndication"), Text(s, "level"),
                    signer.ValueKind == JsonValueKind.Object ? Text(signer, "name") : null,
                    signer.ValueKind == JsonValueKind.Object ? Text(signer, "nip") : null,
                    Time(s, "claimedSigningTime"), Time(s, "timestampTime"), Text(s, "coverage"), Text(s, "modificationsAfter")));
            }
        }
        return new SignatureVerification(Text(json, "verdict") ?? "INDETERMINATE", signatures, json);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } t && DateTimeOffset.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var d) ? d : null;
}
