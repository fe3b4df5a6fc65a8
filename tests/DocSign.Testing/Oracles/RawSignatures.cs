using System.Text;
using System.Text.RegularExpressions;

namespace DocSign.Testing.Oracles;

/// <summary>One signature found by scanning the file's bytes (deliberately not via DocSign.Pdf, so the oracle stays independent).</summary>
/// <param name="ByteRange">The four /ByteRange numbers.</param>
/// <param name="Cms">The DER CMS from /Contents, trailing zero padding removed (by the DER length).</param>
/// <param name="ContentsHexLength">Hex digits reserved in /Contents.</param>
public sealed record RawSignature(long[] ByteRange, byte[] Cms, int ContentsHexLength)
{
    /// <summary>The signed bytes: both ranges concatenated.</summary>
    public byte[] SignedBytes(byte[] file)
    {
        var r = ByteRange;
        var buf = new byte[r[1] + r[3]];
        Array.Copy(file, r[0], buf, 0, r[1]);
        Array.Copy(file, r[2], buf, r[1], r[3]);
        return buf;
    }
}

/// <summary>Finds every /ByteRange in a PDF and the /Contents hex string it leaves out.</summary>
public static partial class RawSignatures
{
    /// <summary>All signatures in file order.</summary>
    public static IReadOnlyList<RawSignature> Find(byte[] file)
    {
        string text = Encoding.Latin1.GetString(file);
        var list = new List<RawSignature>();
        foreach (Match m in ByteRangeRx().Matches(text))
        {
            var r = new[] { long.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value), long.Parse(m.Groups[4].Value) };
            if (r[1] <= 0 || r[2] <= r[1] || r[2] > file.Length || file[r[1]] != (byte)'<' || file[r[2] - 1] != (byte)'>') continue;
            string hex = text.Substring((int)r[1] + 1, (int)(r[2] - r[1] - 2));
            byte[] padded = Convert.FromHexString(hex);
            list.Add(new RawSignature(r, padded[..DerLength(padded)], hex.Length));
        }
        return list;
    }

    /// <summary>Length of the first DER element (tag, length, value).</summary>
    public static int DerLength(byte[] der)
    {
        if (der.Length < 2) return der.Length;
        int lenByte = der[1];
        if (lenByte < 0x80) return 2 + lenByte;
        int n = lenByte & 0x7F, len = 0;
        for (int i = 0; i < n; i++) len = (len << 8) | der[2 + i];
        return 2 + n + len;
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRangeRx();
}
