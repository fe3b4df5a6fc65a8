namespace DocSign.Core.Demo;

/// <summary>
/// Seam for the signing work: after the demo accounts exist, each demo Camat gets his office's sample
/// key (certs-sample/camat-&lt;office&gt;.p12, passphrase "sample") enrolled. Implemented by the signing module
/// (DocSign.Infrastructure.Signing.DemoSignerEnrollment).
/// </summary>
public interface IDemoSignerEnrollment
{
    Task EnrollAsync(string officeId, string camatUserId, CancellationToken cancellationToken = default);
}
