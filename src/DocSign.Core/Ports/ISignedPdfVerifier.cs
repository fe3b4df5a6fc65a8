namespace DocSign.Core.Ports;

/// <summary>
/// Seam for <c>POST /api/verify</c>: the verifier (DocSign.Validation) is wired in by registering an
/// implementation; until then the endpoint answers 501. The result is serialized as is and must be the
/// same JSON object as <c>docsign verify --json</c> prints.
/// </summary>
public interface ISignedPdfVerifier
{
    /// <param name="pdf">A seekable stream with the uploaded file.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    Task<object> VerifyAsync(Stream pdf, CancellationToken cancellationToken = default);

    /// <summary>The same for an encrypted PDF opened with <paramref name="password"/> (user or owner; the empty user
    /// password is tried when null). The password is never logged or stored.</summary>
    Task<object> VerifyAsync(Stream pdf, string? password, CancellationToken cancellationToken) => VerifyAsync(pdf, cancellationToken);
}
