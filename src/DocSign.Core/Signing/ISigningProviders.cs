namespace DocSign.Core.Signing;

/// <summary>
/// Port: signs with whichever provider the credential names (PKCS#12, PKCS#11, BSrE ECS v2/v1, the BSrE e-seal). "What to
/// sign" is the <see cref="SignatureRequest"/>, "who signs" the <see cref="SignerCredential"/>. For a remote signer the
/// returned bytes are trusted only after they prove to be exactly the bytes sent plus the one signature asked for, by
/// the expected signer, verifying VALID; otherwise nothing is written and a <see cref="RemoteSignerException"/> says why.
/// </summary>
public interface ISigningProviders
{
    /// <exception cref="SignatureServiceException">Refused or failed (a <see cref="RemoteSignerException"/> for a remote signer).</exception>
    Task<SignatureOutcome> SignAsync(Stream pdf, Stream output, SignatureRequest request, SignerCredential credential, ExpectedSigner expected,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// A remote signer refused, failed, or returned something DocSign does not accept. <see cref="ProviderMessage"/> is the
/// provider's own message exactly as it wrote it (shown to the signer verbatim); <see cref="Exception.Message"/> is that
/// message with a plain Indonesian line under it.
/// </summary>
public sealed class RemoteSignerException(SignatureFailure failure, string? providerMessage, string explanation, Exception? inner = null)
    : SignatureServiceException(failure, providerMessage is { Length: > 0 } p ? p + "\n" + explanation : explanation, inner)
{
    public string? ProviderMessage { get; } = providerMessage;
    public string Explanation { get; } = explanation;
}
