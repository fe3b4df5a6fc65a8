using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Signing;

/// <summary>
/// "Who signs": a key that can sign bytes, and the certificates that name it. The token never sees
/// the PDF, only the DER of the CMS signed attributes, so a PKCS#12 file, a hardware token (PKCS#11)
/// and a remote signing service can all sit behind it.
/// </summary>
public interface ISigningToken
{
    /// <summary>The signer's certificate.</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>The issuing chain above <see cref="Certificate"/>, nearest issuer first; the root may be left out.</summary>
    IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>
    /// Signs <paramref name="data"/> (the token hashes it with <paramref name="hash"/>). Returns the value
    /// exactly as CMS carries it: PKCS#1 v1.5 for RSA keys, DER (RFC 3279) for ECDSA keys.
    /// </summary>
    Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, HashAlgorithmName hash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Signs <paramref name="data"/> with RSASSA-PSS: MGF1 with <paramref name="hash"/>, salt as long as the hash.
    /// Tokens that cannot (ECDSA keys, devices without PSS) refuse, which is what this default does.
    /// </summary>
    Task<byte[]> SignPssAsync(ReadOnlyMemory<byte> data, HashAlgorithmName hash, CancellationToken cancellationToken = default) =>
        throw new SigningException(SigningErrorCode.KeyUsageNotAllowed, "Token penanda tangan ini tidak dapat menandatangani dengan RSASSA-PSS.");
}
