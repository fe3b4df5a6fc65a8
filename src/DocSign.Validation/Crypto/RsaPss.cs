using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace DocSign.Validation.Crypto;

/// <summary>
/// The parameters an RSASSA-PSS signature states (RFC 8017 A.2.3, RFC 4055 §3.1): its hash, the mask generation
/// function's hash (MGF1 is the only one defined), the salt length and the trailer field. Absent fields take the
/// RFC's defaults (SHA-1, MGF1 with SHA-1, 20, 1).
/// </summary>
internal sealed record PssParameters(HashAlgorithmName Hash, HashAlgorithmName MgfHash, int SaltLength)
{
    /// <summary>Reads RSASSA-PSS-params; null when they are malformed or name something DocSign cannot check.</summary>
    public static PssParameters? Read(ReadOnlyMemory<byte>? parameters)
    {
        var hash = HashAlgorithmName.SHA1;
        var mgfHash = HashAlgorithmName.SHA1;
        long salt = 20;
        if (parameters is null) return new(hash, mgfHash, (int)salt);
        try
        {
            var reader = new AsnReader(parameters.Value, AsnEncodingRules.BER);
            if (reader.PeekTag().HasSameClassAndValue(Asn1Tag.Null)) { reader.ReadNull(); return new(hash, mgfHash, (int)salt); }
            var seq = reader.ReadSequence();
            var t0 = new Asn1Tag(TagClass.ContextSpecific, 0, true);
            var t1 = new Asn1Tag(TagClass.ContextSpecific, 1, true);
            var t2 = new Asn1Tag(TagClass.ContextSpecific, 2, true);
            var t3 = new Asn1Tag(TagClass.ContextSpecific, 3, true);
            if (seq.HasData && seq.PeekTag().HasSameClassAndValue(t0))
            {
                if (Oids.Digest(CmsSignedData.ReadAlgorithm(seq.ReadSequence(t0), out _)) is not { } h) return null;
                hash = h;
            }
            if (seq.HasData && seq.PeekTag().HasSameClassAndValue(t1))
            {
                var mgf = seq.ReadSequence(t1).ReadSequence();
                if (mgf.ReadObjectIdentifier() != Oids.Mgf1) return null;
                // MGF1's parameter is the hash AlgorithmIdentifier (absent: SHA-1).
                if (mgf.HasData)
                {
                    if (Oids.Digest(CmsSignedData.ReadAlgorithm(mgf, out _)) is not { } mh) return null;
                    mgfHash = mh;
                }
            }
            if (seq.HasData && seq.PeekTag().HasSameClassAndValue(t2))
            {
                if (!seq.ReadSequence(t2).TryReadInt64(out salt) || salt < 0 || salt > 4096) return null;
            }
            if (seq.HasData && seq.PeekTag().HasSameClassAndValue(t3))
            {
                // trailerFieldBC: only 1 (the 0xBC byte) is defined.
                if (!seq.ReadSequence(t3).TryReadInt64(out long trailer) || trailer != 1) return null;
            }
            return seq.HasData ? null : new(hash, mgfHash, (int)salt);
        }
        catch (AsnContentException) { return null; }
    }

    internal static int HashLength(HashAlgorithmName h) => Oids.PssHashLength(h);
}

/// <summary>
/// RSASSA-PSS verification with the parameters the signature states (RFC 8017 §8.1.2 and EMSA-PSS-VERIFY §9.1.2),
/// over the raw RSA public operation. .NET's own PSS verification fixes the salt length to the hash length, so a
/// signature made with another salt (openssl's and pyHanko's "max", for instance) would be called invalid.
/// </summary>
internal static class RsaPss
{
    /// <summary>Whether <paramref name="signature"/> is a valid PSS signature of the digest <paramref name="mHash"/> under the public key.</summary>
    public static bool VerifyHash(RSA key, ReadOnlySpan<byte> mHash, ReadOnlySpan<byte> signature, PssParameters p)
    {
        var pub = key.ExportParameters(false);
        if (pub.Modulus is not { Length: > 0 } nBytes || pub.Exponent is null) return false;
        int hLen = PssParameters.HashLength(p.Hash);
        if (mHash.Length != hLen) return false;
        var n = new BigInteger(nBytes, isUnsigned: true, isBigEndian: true);
        int k = nBytes.Length;
        // RSAVP1: the signature is an integer below n, and k octets long.
        if (signature.Length != k) return false;
        var s = new BigInteger(signature, isUnsigned: true, isBigEndian: true);
        if (s >= n) return false;
        var m = BigInteger.ModPow(s, new BigInteger(pub.Exponent, isUnsigned: true, isBigEndian: true), n);
        int modBits = (int)n.GetBitLength();
        int emBits = modBits - 1;
        int emLen = (emBits + 7) / 8;
        var emFull = new byte[k];
        int mLen = m.GetByteCount(isUnsigned: true);
        if (mLen > k) return false;
        m.TryWriteBytes(emFull.AsSpan(k - mLen), out _, isUnsigned: true, isBigEndian: true);
        // I2OSP(m, emLen): when emLen < k the leading octet must be zero.
        if (emLen < k && emFull[0] != 0) return false;
        var em = emFull.AsSpan(k - emLen);
        return EmsaPssVerify(mHash, em, emBits, p);
    }

    private static bool EmsaPssVerify(ReadOnlySpan<byte> mHash, ReadOnlySpan<byte> em, int emBits, PssParameters p)
    {
        int hLen = PssParameters.HashLength(p.Hash);
        int sLen = p.SaltLength;
        int emLen = em.Length;
        if (emLen < hLen + sLen + 2) return false;
        if (em[^1] != 0xBC) return false;
        var maskedDb = em[..(emLen - hLen - 1)];
        var h = em.Slice(emLen - hLen - 1, hLen);
        int zeroBits = 8 * emLen - emBits;
        byte topMask = (byte)(0xFF << (8 - zeroBits));
        if (zeroBits > 0 && (maskedDb[0] & topMask) != 0) return false;
        var db = Mgf1(h, maskedDb.Length, p.MgfHash);
        for (int i = 0; i < db.Length; i++) db[i] ^= maskedDb[i];
        if (zeroBits > 0) db[0] &= (byte)~topMask;
        int psLen = emLen - hLen - sLen - 2;
        for (int i = 0; i < psLen; i++) if (db[i] != 0) return false;
        if (db[psLen] != 0x01) return false;
        var salt = db.AsSpan(db.Length - sLen);
        using var ih = IncrementalHash.CreateHash(p.Hash);
        ih.AppendData(new byte[8]);
        ih.AppendData(mHash);
        ih.AppendData(salt);
        var hPrime = ih.GetHashAndReset();
        return CryptographicOperations.FixedTimeEquals(hPrime, h);
    }

    private static byte[] Mgf1(ReadOnlySpan<byte> seed, int length, HashAlgorithmName hash)
    {
        var mask = new byte[length];
        using var ih = IncrementalHash.CreateHash(hash);
        var counter = new byte[4];
        int done = 0;
        for (uint c = 0; done < length; c++)
        {
            counter[0] = (byte)(c >> 24); counter[1] = (byte)(c >> 16); counter[2] = (byte)(c >> 8); counter[3] = (byte)c;
            ih.AppendData(seed);
            ih.AppendData(counter);
            var block = ih.GetHashAndReset();
            int take = Math.Min(block.Length, length - done);
            block.AsSpan(0, take).CopyTo(mask.AsSpan(done));
            done += take;
        }
        return mask;
    }
}
