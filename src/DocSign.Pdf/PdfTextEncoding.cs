using System.Text;

namespace DocSign.Pdf;

/// <summary>PDF text strings: PDFDocEncoding, UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0).</summary>
public static class PdfTextEncoding
{
    private static readonly char[] DocEncoding = BuildDocEncoding();

    private static char[] BuildDocEncoding()
    {
        var t = new char[256];
        for (int i = 0; i < 256; i++) t[i] = (char)i;
        ushort[] low = [0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC];
        for (int i = 0; i < 8; i++) t[0x18 + i] = (char)low[i];
        ushort[] high =
        [
            0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018,
            0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0xFFFD,
            0x20AC,
        ];
        for (int i = 0; i < high.Length; i++) t[0x80 + i] = (char)high[i];
        t[0x7F] = '\uFFFD';
        t[0xAD] = '\uFFFD';
        return t;
    }

    /// <summary>Decode a PDF text string.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return Encoding.UTF8.GetString(bytes[3..]);
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) chars[i] = DocEncoding[bytes[i]];
        return new string(chars);
    }

    /// <summary>Encode as PDFDocEncoding when every char is printable ASCII or Latin-1 letters, else UTF-16BE with BOM.</summary>
    public static byte[] Encode(string text)
    {
        bool simple = true;
        foreach (var c in text)
            if (c > 0xFF || (c >= 0x7F && c <= 0xA0) || c == 0xAD || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) { simple = false; break; }
        if (simple) return Encoding.Latin1.GetBytes(text);
        var body = Encoding.BigEndianUnicode.GetBytes(text);
        var r = new byte[body.Length + 2];
        r[0] = 0xFE; r[1] = 0xFF;
        body.CopyTo(r, 2);
        return r;
    }
}
