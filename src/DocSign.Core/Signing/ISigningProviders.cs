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

    /// <summary>
    /// Several documents for one signer with one secret (tanda tangan massal): BSrE v2 in one <c>sign/pdf</c> call carrying
    /// every file, a PKCS#11 token in one session, a PKCS#12 unlocked once. The answer has one entry per document, in input
    /// order: its outcome (its output written), or why that document alone failed (its output holds nothing usable). A
    /// refusal of the whole call (wrong passphrase, timeout, BSrE down) is thrown and nothing is signed.
    /// <paramref name="signed"/> is told each time one more document is finished (signed or refused), for a progress bar.
    /// </summary>
    /// <exception cref="SignatureServiceException">The whole batch was refused or failed.</exception>
    Task<IReadOnlyList<SignedInBatch>> SignBatchAsync(IReadOnlyList<BatchDocument> documents, SignerCredential credential, ExpectedSigner expected,
        Action<int>? signed = null, CancellationToken cancellationToken = default);
}

/// <summary>One document of a batch: the bytes to sign (seekable), its empty output, and what to sign.</summary>
public sealed record BatchDocument(Stream Pdf, Stream Output, SignatureRequest Request);

/// <summary>One document's result in a batch: the outcome, or the refusal of that document alone.</summary>
public sealed record SignedInBatch(SignatureOutcome? Outcome, SignatureServiceException? Error);

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
