using System.Security.Cryptography;

namespace DocSign.Validation.Crypto;

/// <summary>
/// The algorithms DocSign accepts for signatures and timestamps, stated in one place (after ETSI TS 119 312 and
/// SOG-IS: what is fit for new and for still-valid signatures in 2026): digests SHA-256 and stronger; RSA keys of
/// at least 2048 bits; ECDSA only on the NIST curves P-256, P-384, P-521 and the Brainpool r1 curves of 256, 384
/// and 512 bits. SHA-1 and anything else make a signature INDETERMINATE CRYPTO_CONSTRAINTS_FAILURE, and a
/// timestamp that uses them proves nothing about when the data existed.
/// </summary>
internal static class CryptoPolicy
{
    /// <summary>Smallest RSA modulus accepted, in bits.</summary>
    public const int MinRsaBits = 2048;

    /// <summary>Accepted named curves: OID and the names .NET reports for them.</summary>
    private static readonly (string Oid, string Name, string[] Aliases)[] Curves =
    [
        ("1.2.840.10045.3.1.7", "P-256", ["nistP256", "ECDSA_P256", "secp256r1", "prime256v1"]),
        ("1.3.132.0.34", "P-384", ["nistP384", "ECDSA_P384", "secp384r1"]),
        ("1.3.132.0.35", "P-521", ["nistP521", "ECDSA_P521", "secp521r1"]),
        ("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", ["brainpoolP256r1"]),
        ("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", ["brainpoolP384r1"]),
        ("1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", ["brainpoolP512r1"]),
    ];

    /// <summary>Whether the key's curve is one the policy accepts; <paramref name="name"/> names it for the report.</summary>
    public static bool AcceptsCurve(ECDsa key, out string name)
    {
        ECCurve curve;
        try { curve = key.ExportParameters(false).Curve; }
        catch (CryptographicException) { name = "tidak dikenal"; return false; }
        string? oid = curve.Oid?.Value, friendly = curve.Oid?.FriendlyName;
        foreach (var (o, n, aliases) in Curves)
            if (oid == o || (friendly is not null && aliases.Contains(friendly, StringComparer.OrdinalIgnoreCase)))
            {
                name = n;
                return key.KeySize >= 256;
            }
        name = curve.IsNamed ? friendly ?? oid ?? "bernama" : "kurva eksplisit";
        return false;
    }

    /// <summary>Whether a digest algorithm is strong enough (SHA-1 and MD5 are not).</summary>
    public static bool AcceptsDigest(HashAlgorithmName h) => h != HashAlgorithmName.SHA1 && h != HashAlgorithmName.MD5;
}
