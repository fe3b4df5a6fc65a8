namespace DocSign.Core.Signing;

/// <summary>
/// Verification as the signing use cases need it: the verdict and per-signature facts, plus the full report
/// (the <c>docsign verify --json</c> object) to hand out as is.
/// </summary>
public interface ISignatureVerifier
{
    /// <exception cref="Problems.DocSignProblem">The file is not a signed PDF that can be read.</exception>
    Task<SignatureVerification> VerifyAsync(Stream pdf, CancellationToken cancellationToken = default);
}

/// <param name="Verdict">VALID, INVALID or INDETERMINATE.</param>
/// <param name="Report">The contract's JSON object.</param>
public sealed record SignatureVerification(string Verdict, IReadOnlyList<VerifiedSignature> Signatures, object Report);

public sealed record VerifiedSignature(
    string Field, string Indication, string? SubIndication, string? Level, string? SignerName, string? Nip,
    DateTimeOffset? ClaimedSigningTime, DateTimeOffset? TimestampTime, string? Coverage, string? ModificationsAfter);
