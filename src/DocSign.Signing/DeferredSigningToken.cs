using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Signing;

/// <summary>
/// A token still being opened (a PKCS#12 file whose key derivation and import take tens of
/// milliseconds, a hardware token logging in, a remote service connecting) while the signer already
/// copies and hashes the document. Its members wait for the opening; an opening failure (e.g. a wrong
/// passphrase) surfaces, as the original <see cref="SigningException"/>, at first use.
/// </summary>
public sealed class DeferredSigningToken : ISigningToken, IDisposable
{
    private readonly Task<ISigningToken> _opening;

    /// <summary>Starts <paramref name="open"/> on the thread pool.</summary>
    public DeferredSigningToken(Func<ISigningToken> open) => _opening = Task.Run(open);

    private ISigningToken Token => _opening.GetAwaiter().GetResult();

    /// <inheritdoc />
    public X509Certificate2 Certificate => Token.Certificate;

    /// <inheritdoc />
    public IReadOnlyList<X509Certificate2> Chain => Token.Chain;

    /// <inheritdoc />
    public async Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, HashAlgorithmName hash, CancellationToken cancellationToken = default) =>
        await (await _opening.ConfigureAwait(false)).SignAsync(data, hash, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<byte[]> SignPssAsync(ReadOnlyMemory<byte> data, HashAlgorithmName hash, CancellationToken cancellationToken = default) =>
        await (await _opening.ConfigureAwait(false)).SignPssAsync(data, hash, cancellationToken).ConfigureAwait(false);

    /// <summary>Waits for the opening (so no key is left behind) and disposes the token.</summary>
    public void Dispose()
    {
        try { (Token as IDisposable)?.Dispose(); }
        catch (SigningException) { }
    }
}
