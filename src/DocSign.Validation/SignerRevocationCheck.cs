using System.Security.Cryptography.X509Certificates;
using DocSign.Signing;
using DocSign.Validation.Revocation;

namespace DocSign.Validation;

/// <summary>
/// The signer's own revocation, checked before signing with the verifier's chain and OCSP/CRL logic: a chain that
/// reaches one of the anchors has its revocation fetched online (only then, as in verification), and a revoked
/// signer or CA refuses the signature with an Indonesian message. A status that cannot be established does not
/// stop the signature unless <see cref="RequireKnownStatus"/> is set.
/// </summary>
public sealed class SignerRevocationCheck : ISignerStatusCheck
{
    private readonly X509Certificate2Collection _anchors;
    private readonly HttpClient? _http;
    private readonly TimeSpan _timeout;

    /// <summary>Makes a check trusting <paramref name="anchors"/>, fetching through <paramref name="httpClient"/>
    /// (a private one when null) with at most <paramref name="onlineTimeout"/> (2 s when null) per request.</summary>
    public SignerRevocationCheck(X509Certificate2Collection anchors, HttpClient? httpClient = null, TimeSpan? onlineTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        _anchors = anchors;
        _http = httpClient;
        _timeout = onlineTimeout ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>Also trust the self-signed roots of the chain the key came with (the CLI's PKCS#12, as `extend`
    /// does): the question here is only whether the issuer revoked the key, not whether the signature will be trusted.</summary>
    public bool TrustRootsInChain { get; init; }

    /// <summary>Refuse also when the status cannot be established (no anchor reached, responder unreachable).</summary>
    public bool RequireKnownStatus { get; init; }

    private static readonly Lazy<HttpClient> PrivateHttp = new(() => new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan });

    /// <inheritdoc/>
    public async Task EnsureNotRevokedAsync(X509Certificate2 signer, IReadOnlyList<X509Certificate2> chain, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var anchors = new X509Certificate2Collection(_anchors);
        if (TrustRootsInChain)
            foreach (var c in chain.Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))) anchors.Add(c);
        var options = new VerificationOptions { TrustAnchors = anchors, AllowOnlineRevocation = true, OnlineTimeout = _timeout };
        var validator = new CertificateValidator(options, new EmbeddedRevocation(), _http ?? PrivateHttp.Value, time);
        // The time is "now" and is taken as proven: a revocation at or before it is final, not a matter of proof.
        var result = await validator.ValidateAsync(signer, time, timeProven: true, claimed: null, chain, null, cancellationToken).ConfigureAwait(false);
        if (result.Status.SubIndication == SubIndication.Revoked)
        {
            var why = result.Messages.LastOrDefault(m => m.Contains("dicabut", StringComparison.Ordinal)) ?? "sertifikat dicabut";
            throw new SigningException(SigningErrorCode.CertificateRevoked,
                $"Sertifikat penanda tangan tidak dapat dipakai: {why}. Tanda tangan tidak dibuat; mintalah sertifikat baru kepada penerbit sertifikat.");
        }
        if (RequireKnownStatus && result.Status.Indication != Indication.TotalPassed)
            throw new SigningException(SigningErrorCode.CertificateRevoked,
                "Status pencabutan sertifikat penanda tangan tidak dapat dipastikan: " + string.Join("; ", result.Messages) + ". Tanda tangan tidak dibuat.");
    }
}
