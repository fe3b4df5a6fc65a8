namespace DocSign.Core.Demo;

/// <summary>
/// Seam for the signing work: after the demo accounts exist, each demo Camat gets his office's sample
/// key (certs-sample/camat-&lt;office&gt;.p12, passphrase "sample") enrolled. The default implementation
/// does nothing; the signing module replaces it.
/// </summary>
public interface IDemoSignerEnrollment
{
    Task EnrollAsync(string officeId, string camatUserId, CancellationToken cancellationToken = default);
}

public sealed class NoDemoSignerEnrollment : IDemoSignerEnrollment
{
    public Task EnrollAsync(string officeId, string camatUserId, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
