using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Validation.Crypto;

/// <summary>
/// Parsed certificates and their public keys, shared by every verification in the process and keyed by the SHA-256
/// of the exact bytes they were made from. Signing one B-LTA document reads the same handful of certificates (signer,
/// CAs, TSA, OCSP responder) some hundred times: in the CMS, the time-stamp tokens, the OCSP responses and the DSS,
/// once per DSS pass and once per verification. With OpenSSL 3 each parse and each public-key import goes through its
/// decoder machinery, which was a sixth of the signing service's CPU.
/// </summary>
/// <remarks>
/// What is cached is a pure function of its key: the same bytes give the same certificate and the same key, so a
/// hostile file can at worst fill the cache, which is bounded and starts over when full. Cached objects are never
/// disposed (a caller may still hold one after the cache starts over); callers must not dispose them either.
/// </remarks>
internal static class CertificateCache
{
    /// <summary>Entries kept before the cache starts over; a busy office server sees a few dozen distinct certificates.</summary>
    internal const int Capacity = 4096;

    private static readonly ConcurrentDictionary<Sha256Key, X509Certificate2> Certificates = new();
    private static readonly ConcurrentDictionary<Sha256Key, RSA?> RsaKeys = new();
    private static readonly ConcurrentDictionary<Sha256Key, ECDsa?> EcKeys = new();

    /// <summary>The certificate encoded by <paramref name="der"/>, parsed once.</summary>
    /// <exception cref="CryptographicException">The bytes are not a certificate (never cached).</exception>
    public static X509Certificate2 Load(ReadOnlySpan<byte> der)
    {
        var key = Key(der);
        if (Certificates.TryGetValue(key, out var cached)) return cached;
        var cert = X509CertificateLoader.LoadCertificate(der);
        if (Certificates.Count >= Capacity) Certificates.Clear();
        return Certificates.GetOrAdd(key, cert);
    }

    /// <summary>The RSA public key of <paramref name="cert"/> (null when it has none), imported once. Do not dispose it.</summary>
    public static RSA? Rsa(X509Certificate2 cert) => PublicKey(RsaKeys, cert, static c => c.GetRSAPublicKey());

    /// <summary>The ECDSA public key of <paramref name="cert"/> (null when it has none), imported once. Do not dispose it.</summary>
    public static ECDsa? Ecdsa(X509Certificate2 cert) => PublicKey(EcKeys, cert, static c => c.GetECDsaPublicKey());

    private static T? PublicKey<T>(ConcurrentDictionary<Sha256Key, T?> keys, X509Certificate2 cert, Func<X509Certificate2, T?> import) where T : class
    {
        var key = Key(cert.RawDataMemory.Span);
        if (keys.TryGetValue(key, out var cached)) return cached;
        var imported = import(cert);
        if (keys.Count >= Capacity) keys.Clear();
        return keys.GetOrAdd(key, imported);
    }

    // The whole digest: a key shorter than the hash would let a birthday collision swap one certificate for another.
    private readonly record struct Sha256Key(UInt128 Low, UInt128 High);

    private static Sha256Key Key(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return new Sha256Key(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash[16..]));
    }
}
