using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DocSign.Signing;

/// <summary>
/// A signing key held in a PKCS#12 (.p12/.pfx) file. The key is imported as ephemeral (never written
/// to a user key store) and disposed with the token.
/// </summary>
public sealed class Pkcs12SigningToken : ISigningToken, IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;
    private readonly X509Certificate2Collection _all;

    private Pkcs12SigningToken(X509Certificate2Collection all, X509Certificate2 signer)
    {
        _all = all;
        Certificate = signer;
        _rsa = signer.GetRSAPrivateKey();
        _ecdsa = _rsa is null ? signer.GetECDsaPrivateKey() : null;
        if (_rsa is null && _ecdsa is null)
            throw new SigningException(SigningErrorCode.NoPrivateKey, "Kunci privat pada berkas PKCS#12 tidak didukung (hanya RSA atau ECDSA).");
        Chain = BuildChain(signer, all);
    }

    /// <inheritdoc />
    public X509Certificate2 Certificate { get; }

    /// <inheritdoc />
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>Opens a PKCS#12 file. A wrong passphrase gives <see cref="SigningErrorCode.WrongPassphrase"/>.</summary>
    public static Pkcs12SigningToken Open(string path, string passphrase)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SigningException(SigningErrorCode.NoPrivateKey, $"Berkas kunci tidak dapat dibaca: {Path.GetFileName(path)}.", e);
        }
        return Open(data, passphrase);
    }

    /// <summary>Opens PKCS#12 bytes (e.g. a key enrolled in the database, decrypted in memory).</summary>
    public static Pkcs12SigningToken Open(ReadOnlySpan<byte> pkcs12, string passphrase)
    {
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12Collection(pkcs12, passphrase,
                X509KeyStorageFlags.EphemeralKeySet, Pkcs12LoaderLimits.Defaults);
        }
        catch (CryptographicException e)
        {
            throw new SigningException(SigningErrorCode.WrongPassphrase,
                "Passphrase salah atau berkas PKCS#12 rusak; kunci tidak dapat dibuka.", e);
        }
        var signer = all.FirstOrDefault(c => c.HasPrivateKey);
        if (signer is null)
        {
            foreach (var c in all) c.Dispose();
            throw new SigningException(SigningErrorCode.NoPrivateKey, "Berkas PKCS#12 tidak berisi kunci privat penanda tangan.");
        }
        return new Pkcs12SigningToken(all, signer);
    }

    /// <inheritdoc />
    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, HashAlgorithmName hash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] sig = _rsa is not null
            ? _rsa.SignData(data.Span, hash, RSASignaturePadding.Pkcs1)
            : _ecdsa!.SignData(data.Span, hash, DSASignatureFormat.Rfc3279DerSequence);
        return Task.FromResult(sig);
    }

    /// <inheritdoc />
    public Task<byte[]> SignPssAsync(ReadOnlyMemory<byte> data, HashAlgorithmName hash, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_rsa is null) throw new SigningException(SigningErrorCode.KeyUsageNotAllowed, "RSASSA-PSS hanya untuk kunci RSA; kunci penanda tangan ini ECDSA.");
        // .NET's PSS uses MGF1 with the same hash and a salt as long as the hash: what the CMS parameters state.
        return Task.FromResult(_rsa.SignData(data.Span, hash, RSASignaturePadding.Pss));
    }

    /// <summary>Orders the other certificates of the file into the chain above <paramref name="leaf"/>.</summary>
    internal static IReadOnlyList<X509Certificate2> BuildChain(X509Certificate2 leaf, IEnumerable<X509Certificate2> pool)
    {
        var chain = new List<X509Certificate2>();
        var current = SignerCertificateChecks.Names(leaf);
        var candidates = new List<(X509Certificate2 Cert, ReadOnlyMemory<byte> Issuer, ReadOnlyMemory<byte> Subject)>();
        foreach (var c in pool)
            if (!ReferenceEquals(c, leaf) && !c.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
            {
                var (issuer, subject) = SignerCertificateChecks.Names(c);
                candidates.Add((c, issuer, subject));
            }
        for (int depth = 0; depth < 10; depth++)
        {
            if (current.Subject.Span.SequenceEqual(current.Issuer.Span)) break; // self-signed
            int found = candidates.FindIndex(c => c.Subject.Span.SequenceEqual(current.Issuer.Span));
            if (found < 0) break;
            var issuer = candidates[found];
            chain.Add(issuer.Cert);
            candidates.RemoveAt(found);
            current = (issuer.Issuer, issuer.Subject);
        }
        return chain;
    }

    /// <summary>Disposes the key and the certificates.</summary>
    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
        foreach (var c in _all) c.Dispose();
    }
}
