using System.Security.Cryptography;
using System.Text;

namespace DocSign.Pdf;

/// <summary>
/// The standard security handler of ISO 32000-2 §7.6.4 (/Filter /Standard): RC4 40 and 128 bit (V1/V2, R2/R3),
/// AES-128 (V4/R4, /CFM /AESV2) and AES-256 (V5/R5-R6, /CFM /AESV3). Opened with a password (the empty user password
/// of "restrict editing" files first), it gives the file key and decrypts and encrypts strings and streams per object.
/// Strings of the /Encrypt dictionary, cross-reference streams and the /Contents of signature dictionaries are never
/// encrypted; the caller skips those.
/// </summary>
public sealed class PdfStandardSecurity
{
    private static readonly byte[] Padding =
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    private readonly byte[] _key;
    private readonly CryptMethod _strings, _streams;

    private enum CryptMethod { Identity, Rc4, Aes128, Aes256 }

    private PdfStandardSecurity(byte[] key, int version, int revision, CryptMethod strings, CryptMethod streams, bool encryptMetadata, bool owner)
    {
        _key = key;
        Version = version;
        Revision = revision;
        _strings = strings;
        _streams = streams;
        EncryptMetadata = encryptMetadata;
        OpenedWithOwnerPassword = owner;
    }

    /// <summary>/V of the encryption dictionary.</summary>
    public int Version { get; }

    /// <summary>/R of the encryption dictionary.</summary>
    public int Revision { get; }

    /// <summary>Whether XMP metadata streams are encrypted (/EncryptMetadata, true by default).</summary>
    public bool EncryptMetadata { get; }

    /// <summary>Whether the password given was the owner's (else the user's).</summary>
    public bool OpenedWithOwnerPassword { get; }

    /// <summary>The file key's length in bytes.</summary>
    public int KeyLength => _key.Length;

    /// <summary>"RC4 40-bit", "RC4 128-bit", "AES-128" or "AES-256": the stream method, for messages.</summary>
    public string MethodName => _streams switch
    {
        CryptMethod.Rc4 => $"RC4 {_key.Length * 8}-bit",
        CryptMethod.Aes128 => "AES-128",
        CryptMethod.Aes256 => "AES-256",
        _ => "Identity",
    };

    /// <summary>
    /// Opens the handler of <paramref name="encrypt"/> with <paramref name="password"/> (tried as the user's, then as
    /// the owner's; null means the empty password). Null when the password is wrong.
    /// </summary>
    /// <exception cref="PdfException"><see cref="PdfErrorKind.Unsupported"/> for another handler or an unknown method.</exception>
    public static PdfStandardSecurity? Open(PdfDictionary encrypt, ReadOnlySpan<byte> firstId, string? password)
    {
        ArgumentNullException.ThrowIfNull(encrypt);
        if (encrypt.GetName("Filter") != "Standard")
            throw new PdfException(PdfErrorKind.Unsupported, $"Security handler /{encrypt.GetName("Filter")} is not supported (only /Standard)");
        int v = (int)(encrypt.GetInteger("V") ?? 0), r = (int)(encrypt.GetInteger("R") ?? 0);
        var o = (encrypt["O"] as PdfString)?.ToArray() ?? throw Bad("/O");
        var u = (encrypt["U"] as PdfString)?.ToArray() ?? throw Bad("/U");
        int p = (int)(encrypt.GetInteger("P") ?? throw Bad("/P"));
        bool encryptMetadata = encrypt["EncryptMetadata"] is not PdfBoolean { Value: false };
        var (strings, streams) = Methods(encrypt, v);
        var pw = password ?? "";

        if (r is 5 or 6)
        {
            if (o.Length < 48 || u.Length < 48) throw Bad("/O or /U (48 bytes for R5/R6)");
            var oe = (encrypt["OE"] as PdfString)?.ToArray() ?? throw Bad("/OE");
            var ue = (encrypt["UE"] as PdfString)?.ToArray() ?? throw Bad("/UE");
            if (oe.Length < 32 || ue.Length < 32) throw Bad("/OE or /UE (32 bytes)");
            var pwBytes = Encoding.UTF8.GetBytes(pw);
            if (pwBytes.Length > 127) pwBytes = pwBytes[..127];
            var u48 = u.AsSpan(0, 48);
            if (Hash2B(r, pwBytes, u.AsSpan(32, 8), [], out _).AsSpan().SequenceEqual(u.AsSpan(0, 32)))
            {
                var k = Hash2B(r, pwBytes, u.AsSpan(40, 8), [], out _);
                return new(AesNoPad(k, ue.AsSpan(0, 32), encrypt: false), v, r, strings, streams, encryptMetadata, owner: false);
            }
            if (Hash2B(r, pwBytes, o.AsSpan(32, 8), u48, out _).AsSpan().SequenceEqual(o.AsSpan(0, 32)))
            {
                var k = Hash2B(r, pwBytes, o.AsSpan(40, 8), u48, out _);
                return new(AesNoPad(k, oe.AsSpan(0, 32), encrypt: false), v, r, strings, streams, encryptMetadata, owner: true);
            }
            return null;
        }
        if (r is < 2 or > 4) throw new PdfException(PdfErrorKind.Unsupported, $"Standard security handler revision {r} is not supported");
        if (o.Length < 32 || u.Length < 32) throw Bad("/O or /U (32 bytes)");
        int length = r == 2 ? 5 : (int)(encrypt.GetInteger("Length") ?? 40) / 8;
        if (v == 4) length = 16;
        if (length is < 5 or > 16) throw Bad("/Length");
        var legacy = Encoding.Latin1.GetBytes(pw);
        var userKey = LegacyKey(legacy, o, p, firstId, r, length, encryptMetadata);
        if (UserPasswordMatches(userKey, u, firstId, r))
            return new(userKey, v, r, strings, streams, encryptMetadata, owner: false);
        // Algorithm 7: the owner password decrypts /O into the user password.
        var ownerRc4 = MD5.HashData(Pad(legacy));
        if (r >= 3) for (int i = 0; i < 50; i++) ownerRc4 = MD5.HashData(ownerRc4.AsSpan(0, length));
        ownerRc4 = ownerRc4[..length];
        var user = (byte[])o[..32].Clone();
        if (r == 2) user = Rc4(ownerRc4, user);
        else
            for (int i = 19; i >= 0; i--)
                user = Rc4(ownerRc4.Select(b => (byte)(b ^ i)).ToArray(), user);
        var ownerKey = LegacyKey(user, o, p, firstId, r, length, encryptMetadata, padded: true);
        return UserPasswordMatches(ownerKey, u, firstId, r) ? new(ownerKey, v, r, strings, streams, encryptMetadata, owner: true) : null;
    }

    private static PdfException Bad(string what) => new(PdfErrorKind.Malformed, $"Encryption dictionary has no valid {what}");

    private static (CryptMethod Strings, CryptMethod Streams) Methods(PdfDictionary encrypt, int v)
    {
        switch (v)
        {
            case 1 or 2: return (CryptMethod.Rc4, CryptMethod.Rc4);
            case 4 or 5:
                CryptMethod Filter(string key)
                {
                    var name = encrypt.GetName(key) ?? "Identity";
                    if (name == "Identity") return CryptMethod.Identity;
                    var cf = (encrypt["CF"] as PdfDictionary)?[name] as PdfDictionary
                        ?? throw new PdfException(PdfErrorKind.Malformed, $"Crypt filter /{name} is not defined in /CF");
                    return cf.GetName("CFM") switch
                    {
                        "V2" => CryptMethod.Rc4,
                        "AESV2" => CryptMethod.Aes128,
                        "AESV3" => CryptMethod.Aes256,
                        "None" or null => CryptMethod.Identity,
                        var other => throw new PdfException(PdfErrorKind.Unsupported, $"Crypt filter method /{other} is not supported"),
                    };
                }
                return (Filter("StrF"), Filter("StmF"));
            default: throw new PdfException(PdfErrorKind.Unsupported, $"Encryption algorithm /V {v} is not supported");
        }
    }

    private static byte[] Pad(byte[] password)
    {
        var padded = new byte[32];
        int n = Math.Min(32, password.Length);
        password.AsSpan(0, n).CopyTo(padded);
        Padding.AsSpan(0, 32 - n).CopyTo(padded.AsSpan(n));
        return padded;
    }

    // Algorithm 2 (R2-R4): the file key from a password.
    private static byte[] LegacyKey(byte[] password, byte[] o, int p, ReadOnlySpan<byte> id, int r, int length, bool encryptMetadata, bool padded = false)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(padded ? password : Pad(password));
        md5.AppendData(o.AsSpan(0, Math.Min(32, o.Length)));
        md5.AppendData([(byte)p, (byte)(p >> 8), (byte)(p >> 16), (byte)(p >> 24)]);
        md5.AppendData(id);
        if (r >= 4 && !encryptMetadata) md5.AppendData([0xFF, 0xFF, 0xFF, 0xFF]);
        var h = md5.GetHashAndReset();
        if (r >= 3) for (int i = 0; i < 50; i++) h = MD5.HashData(h.AsSpan(0, length));
        return h[..length];
    }

    // Algorithms 4 and 5: /U as this key would make it.
    private static bool UserPasswordMatches(byte[] key, byte[] u, ReadOnlySpan<byte> id, int r)
    {
        if (r == 2) return u.Length >= 32 && Rc4(key, Padding).AsSpan().SequenceEqual(u.AsSpan(0, 32));
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(Padding);
        md5.AppendData(id);
        var x = Rc4(key, md5.GetHashAndReset());
        for (int i = 1; i <= 19; i++) x = Rc4(key.Select(b => (byte)(b ^ i)).ToArray(), x);
        return u.Length >= 16 && x.AsSpan().SequenceEqual(u.AsSpan(0, 16));
    }

    // Algorithm 2.B (R6), or plain SHA-256 (R5): the hash of a password with a salt (and /U for the owner).
    private static byte[] Hash2B(int r, byte[] password, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> udata, out int rounds)
    {
        rounds = 0;
        var input = new byte[password.Length + salt.Length + udata.Length];
        password.CopyTo(input, 0);
        salt.CopyTo(input.AsSpan(password.Length));
        udata.CopyTo(input.AsSpan(password.Length + salt.Length));
        var k = SHA256.HashData(input);
        if (r == 5) return k;
        using var aes = Aes.Create();
        for (int i = 0; ; i++)
        {
            int unit = password.Length + k.Length + udata.Length;
            var k1 = new byte[unit * 64];
            for (int j = 0; j < 64; j++)
            {
                var at = k1.AsSpan(j * unit);
                password.CopyTo(at);
                k.CopyTo(at[password.Length..]);
                udata.CopyTo(at[(password.Length + k.Length)..]);
            }
            aes.Key = k[..16];
            var e = aes.EncryptCbc(k1, k.AsSpan(16, 16), PaddingMode.None);
            int mod = 0;
            for (int j = 0; j < 16; j++) mod += e[j];
            k = (mod % 3) switch { 0 => SHA256.HashData(e), 1 => SHA384.HashData(e), _ => SHA512.HashData(e) };
            rounds = i + 1;
            if (i >= 63 && e[^1] <= i - 31) break;
        }
        return k[..32];
    }

    private static byte[] AesNoPad(byte[] key, ReadOnlySpan<byte> data, bool encrypt)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        Span<byte> iv = stackalloc byte[16];
        return encrypt ? aes.EncryptCbc(data, iv, PaddingMode.None) : aes.DecryptCbc(data, iv, PaddingMode.None);
    }

    /// <summary>RC4 (ARC4): not in .NET's cryptography, and needed only to read and write this old format.</summary>
    private static byte[] Rc4(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        Span<byte> s = stackalloc byte[256];
        for (int i = 0; i < 256; i++) s[i] = (byte)i;
        for (int i = 0, j = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
        }
        var output = new byte[data.Length];
        for (int n = 0, i = 0, j = 0; n < data.Length; n++)
        {
            i = (i + 1) & 0xFF;
            j = (j + s[i]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
            output[n] = (byte)(data[n] ^ s[(s[i] + s[j]) & 0xFF]);
        }
        return output;
    }

    // Algorithm 1: the key of one object (RC4, AES-128); AES-256 uses the file key itself.
    private byte[] ObjectKey(int num, int gen, CryptMethod method)
    {
        if (method == CryptMethod.Aes256) return _key;
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(_key);
        md5.AppendData([(byte)num, (byte)(num >> 8), (byte)(num >> 16), (byte)gen, (byte)(gen >> 8)]);
        if (method == CryptMethod.Aes128) md5.AppendData("sAlT"u8);
        var h = md5.GetHashAndReset();
        return h[..Math.Min(_key.Length + 5, 16)];
    }

    private byte[] Decrypt(CryptMethod method, ReadOnlySpan<byte> data, int num, int gen)
    {
        switch (method)
        {
            case CryptMethod.Identity: return data.ToArray();
            case CryptMethod.Rc4: return Rc4(ObjectKey(num, gen, method), data);
            default:
                // AES-CBC with the IV in front and PKCS#7 padding; an empty or short value decrypts to nothing
                // (some producers write empty strings unencrypted), a bad padding keeps what decrypts.
                if (data.Length < 32 || data.Length % 16 != 0) return data.Length < 16 ? [] : DecryptLenient(method, data, num, gen);
                using (var aes = Aes.Create())
                {
                    aes.Key = ObjectKey(num, gen, method);
                    try { return aes.DecryptCbc(data[16..], data[..16], PaddingMode.PKCS7); }
                    catch (CryptographicException) { return aes.DecryptCbc(data[16..], data[..16], PaddingMode.None); }
                }
        }
    }

    private byte[] DecryptLenient(CryptMethod method, ReadOnlySpan<byte> data, int num, int gen)
    {
        int whole = (data.Length - 16) / 16 * 16;
        if (whole == 0) return [];
        using var aes = Aes.Create();
        aes.Key = ObjectKey(num, gen, method);
        return aes.DecryptCbc(data.Slice(16, whole), data[..16], PaddingMode.None);
    }

    private byte[] Encrypt(CryptMethod method, ReadOnlySpan<byte> data, int num, int gen)
    {
        switch (method)
        {
            case CryptMethod.Identity: return data.ToArray();
            case CryptMethod.Rc4: return Rc4(ObjectKey(num, gen, method), data);
            default:
                using (var aes = Aes.Create())
                {
                    aes.Key = ObjectKey(num, gen, method);
                    var iv = RandomNumberGenerator.GetBytes(16);
                    var body = aes.EncryptCbc(data, iv, PaddingMode.PKCS7);
                    var output = new byte[16 + body.Length];
                    iv.CopyTo(output, 0);
                    body.CopyTo(output, 16);
                    return output;
                }
        }
    }

    /// <summary>A string of object <paramref name="num"/> <paramref name="gen"/>, decrypted.</summary>
    public byte[] DecryptString(ReadOnlySpan<byte> data, int num, int gen) => Decrypt(_strings, data, num, gen);

    /// <summary>A stream's raw data of object <paramref name="num"/> <paramref name="gen"/>, decrypted (its filters still to apply).</summary>
    public byte[] DecryptStream(ReadOnlySpan<byte> data, int num, int gen) => Decrypt(_streams, data, num, gen);

    /// <summary>A string for object <paramref name="num"/> <paramref name="gen"/>, encrypted as this document encrypts strings.</summary>
    public byte[] EncryptString(ReadOnlySpan<byte> data, int num, int gen) => Encrypt(_strings, data, num, gen);

    /// <summary>A stream's encoded data for object <paramref name="num"/> <paramref name="gen"/>, encrypted as this document encrypts streams.</summary>
    public byte[] EncryptStream(ReadOnlySpan<byte> data, int num, int gen) => Encrypt(_streams, data, num, gen);

    /// <summary>
    /// Decrypts every string in a freshly parsed (not yet frozen) object of number <paramref name="num"/>, in place
    /// where it can; returns the object to keep. The /Contents of a signature dictionary (/Type /Sig or
    /// /DocTimeStamp, or a dictionary with /ByteRange) stays as stored: ISO 32000 leaves it unencrypted.
    /// </summary>
    internal PdfObject DecryptStrings(PdfObject value, int num, int gen, int depth = 0)
    {
        if (!EncryptsStrings || depth > 64) return value;
        switch (value)
        {
            case PdfString s:
                return new PdfString(DecryptString(s.Value, num, gen), s.IsHex, s.StartOffset, s.EndOffset);
            case PdfArray a:
                for (int i = 0; i < a.Count; i++)
                    if (a[i] is PdfString or PdfArray or PdfDictionary) a[i] = DecryptStrings(a[i], num, gen, depth + 1);
                return a;
            case PdfDictionary d:
                bool signature = d.GetName("Type") is "Sig" or "DocTimeStamp" || d.ContainsKey("ByteRange");
                foreach (var key in d.Keys.ToList())
                {
                    if (signature && key == "Contents") continue;
                    var v = d[key]!;
                    if (v is PdfString or PdfArray or PdfDictionary) d.SetInternal(key, DecryptStrings(v, num, gen, depth + 1));
                }
                return d;
            default:
                return value;
        }
    }

    /// <summary>
    /// A copy of <paramref name="value"/> (to be written as object <paramref name="num"/> <paramref name="gen"/>)
    /// with its strings and stream data encrypted as this document encrypts them; placeholders, the /Contents of a
    /// signature dictionary and other leaves are kept as they are (the same instances). <paramref name="plainData"/>
    /// gives a stream's data in the clear (file-backed streams are read decrypted).
    /// </summary>
    internal PdfObject EncryptForWriting(PdfObject value, int num, int gen, Func<PdfStream, byte[]> plainData, int depth = 0)
    {
        if (depth > 64) throw new PdfException(PdfErrorKind.LimitExceeded, "Object nested too deeply to encrypt");
        switch (value)
        {
            case PdfString s when EncryptsStrings:
                return new PdfString(EncryptString(s.Value, num, gen), isHex: true);
            case PdfArray a:
                return new PdfArray(a.Select(i => EncryptForWriting(i, num, gen, plainData, depth + 1)).ToList());
            case PdfDictionary d:
            {
                bool signature = d.GetName("Type") is "Sig" or "DocTimeStamp" || d.ContainsKey("ByteRange");
                var copy = new PdfDictionary();
                foreach (var (key, v) in d)
                    copy.SetInternal(key, signature && key == "Contents" ? v : EncryptForWriting(v, num, gen, plainData, depth + 1));
                return copy;
            }
            case PdfStream st:
            {
                var dict = (PdfDictionary)EncryptForWriting(st.Dictionary, num, gen, plainData, depth + 1);
                var data = plainData(st);
                bool clear = !EncryptsStreams || st.Dictionary.GetName("Type") == "XRef"
                    || (!EncryptMetadata && st.Dictionary.GetName("Type") == "Metadata");
                return new PdfStream(dict, clear ? data : EncryptStream(data, num, gen));
            }
            default:
                return value;
        }
    }

    /// <summary>Whether strings are encrypted at all (not Identity).</summary>
    public bool EncryptsStrings => _strings != CryptMethod.Identity;

    /// <summary>Whether streams are encrypted at all (not Identity).</summary>
    public bool EncryptsStreams => _streams != CryptMethod.Identity;
}
