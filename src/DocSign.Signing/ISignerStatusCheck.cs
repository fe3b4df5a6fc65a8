using System.Security.Cryptography.X509Certificates;

namespace DocSign.Signing;

/// <summary>
/// Asked by <see cref="PadesSigner"/> before a signature value exists: a signature made with a revoked certificate
/// is worthless to every verifier, and the signer should hear it now, in words, rather than from a report later.
/// DocSign.Validation implements it with the same OCSP/CRL logic its verification uses.
/// </summary>
public interface ISignerStatusCheck
{
    /// <summary>Throws <see cref="SigningException"/> with <see cref="SigningErrorCode.CertificateRevoked"/> when
    /// <paramref name="signer"/> or a CA certificate above it is revoked at <paramref name="time"/>. Returns when
    /// the status is good, and also when it cannot be established (offline): the verifier judges that later.</summary>
    Task EnsureNotRevokedAsync(X509Certificate2 signer, IReadOnlyList<X509Certificate2> chain, DateTimeOffset time, CancellationToken cancellationToken);
}
