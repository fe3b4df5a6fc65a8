using DocSign.Pdf.Internal;
using System.Buffers;
using System.Text;

namespace DocSign.Pdf;

/// <summary>
/// Writes objects in PDF syntax. Output is deterministic: the same object always gives the same bytes,
/// names and strings are escaped so that they read back identical.
/// </summary>
public static class PdfSerializer
{
    /// <summary>Appends <paramref name="obj"/> to <paramref name="output"/>. Streams write their dictionary (with /Length) and data.
    /// Placeholders record their offset relative to <paramref name="baseOffset"/> + position in <paramref name="output"/>.</summary>
    public static void Write(PdfObject obj, ArrayBufferWriter<byte> output, PdfFile? source = null, long baseOffset = 0) =>
        new Writer(output, source, baseOffset).WriteObject(obj, 0);

    /// <summary>The bytes of <paramref name="obj"/> (stream data included).</summary>
    public static byte[] ToBytes(PdfObject obj, PdfFile? source = null)
    {
        var w = new ArrayBufferWriter<byte>();
        Write(obj, w, source);
        return w.WrittenSpan.ToArray();
    }

    internal static string ToDisplayString(PdfObject obj)
    {
        var w = new ArrayBufferWriter<byte>();
        new Writer(w, null, 0) { DisplayOnly = true }.WriteObject(obj, 0);
        return Encoding.Latin1.GetString(w.WrittenSpan);
    }

    /// <summary>A name with the delimiters, whitespace, '#' and non-printable bytes escaped as #xx.</summary>
    public static void WriteName(string name, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(1 + name.Length * 3);
        int n = 0;
        span[n++] = (byte)'/';
        foreach (char ch in name)
        {
            int c = ch & 0xFF;
            if (c < 0x21 || c > 0x7E || c == '#' || Internal.PdfParser.IsDelimiter(c))
            {
                span[n++] = (byte)'#';
                span[n++] = (byte)"0123456789ABCDEF"[c >> 4];
                span[n++] = (byte)"0123456789ABCDEF"[c & 15];
            }
            else span[n++] = (byte)c;
        }
        output.Advance(n);
    }

    private sealed class Writer(ArrayBufferWriter<byte> o, PdfFile? source, long baseOffset)
    {
        public bool DisplayOnly;

        private void Raw(ReadOnlySpan<byte> b) => o.Write(b);
        private void Raw(string s) => o.Write(Encoding.Latin1.GetBytes(s));

        public void WriteObject(PdfObject obj, int depth)
        {
            if (depth > 10_000) throw new PdfException(PdfErrorKind.LimitExceeded, "Object nested too deeply to write");
            switch (obj)
            {
                case PdfNull: Raw("null"u8); break;
                case PdfBoolean b: Raw(b.Value ? "true"u8 : "false"u8); break;
                case PdfInteger i: Raw(i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
                case PdfReal r:
                {
                    // An integral real keeps a decimal point, or it would read back as an integer.
                    var text = Num.Format(r.Value);
                    Raw(text.Contains('.') ? text : text + ".0");
                    break;
                }
                case PdfName n: WriteName(n.Value, o); break;
                case PdfReference r: Raw($"{r.ObjectNumber} {r.Generation} R"); break;
                case PdfString s: WriteString(s); break;
                case PdfArray a:
                    Raw("["u8);
                    for (int i = 0; i < a.Count; i++)
                    {
                        if (i > 0) Raw(" "u8);
                        WriteObject(a[i], depth + 1);
                    }
                    Raw("]"u8);
                    break;
                case PdfDictionary d: WriteDict(d, depth, null); break;
                case PdfStream st:
                {
                    long len = st.DataLength;
                    WriteDict(st.Dictionary, depth, len);
                    Raw("\nstream\n"u8);
                    if (DisplayOnly) Raw("..."u8);
                    else if (st.Data is not null) Raw(st.Data);
                    else
                    {
                        var src = st.Source ?? source ?? throw new InvalidOperationException("A file-backed stream needs its source file to be written.");
                        using var rs = src.OpenRawStreamData(st);
                        var buf = ArrayPool<byte>.Shared.Rent(64 * 1024);
                        try
                        {
                            int r;
                            while ((r = rs.Read(buf, 0, buf.Length)) > 0) Raw(buf.AsSpan(0, r));
                        }
                        finally { ArrayPool<byte>.Shared.Return(buf); }
                    }
                    Raw("\nendstream"u8);
                    break;
                }
                case PdfPlaceholder p:
                    p.Offset = baseOffset + o.WrittenCount;
                    if (p.PlaceholderKind == PdfPlaceholderKind.HexString)
                    {
                        Raw("<"u8);
                        var span = o.GetSpan(p.ByteCount * 2);
                        span[..(p.ByteCount * 2)].Fill((byte)'0');
                        o.Advance(p.ByteCount * 2);
                        Raw(">"u8);
                    }
                    else Raw("[0 0000000000 0000000000 0000000000]"u8);
                    break;
                default: throw new InvalidOperationException("Unknown PDF object type " + obj.GetType());
            }
        }

        private void WriteDict(PdfDictionary d, int depth, long? streamLength)
        {
            Raw("<<"u8);
            foreach (var kv in d)
            {
                if (streamLength is not null && kv.Key == "Length") continue;
                WriteName(kv.Key, o);
                Raw(" "u8);
                WriteObject(kv.Value, depth + 1);
            }
            if (streamLength is long l) { Raw("/Length "u8); Raw(l.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
            Raw(">>"u8);
        }

        private void WriteString(PdfString s)
        {
            var v = s.Value;
            if (s.IsHex)
            {
                var span = o.GetSpan(v.Length * 2 + 2);
                span[0] = (byte)'<';
                for (int i = 0; i < v.Length; i++)
                {
                    span[1 + 2 * i] = (byte)"0123456789ABCDEF"[v[i] >> 4];
                    span[2 + 2 * i] = (byte)"0123456789ABCDEF"[v[i] & 15];
                }
                span[v.Length * 2 + 1] = (byte)'>';
                o.Advance(v.Length * 2 + 2);
                return;
            }
            var sp = o.GetSpan(v.Length * 4 + 2);
            int n = 0;
            sp[n++] = (byte)'(';
            foreach (var b in v)
            {
                switch (b)
                {
                    case (byte)'(' or (byte)')' or (byte)'\\': sp[n++] = (byte)'\\'; sp[n++] = b; break;
                    case (byte)'\r': sp[n++] = (byte)'\\'; sp[n++] = (byte)'r'; break;
                    case (byte)'\n': sp[n++] = (byte)'\\'; sp[n++] = (byte)'n'; break;
                    default:
                        if (b < 0x20 || b >= 0x7F)
                        {
                            sp[n++] = (byte)'\\';
                            sp[n++] = (byte)('0' + ((b >> 6) & 7));
                            sp[n++] = (byte)('0' + ((b >> 3) & 7));
                            sp[n++] = (byte)('0' + (b & 7));
                        }
                        else sp[n++] = b;
                        break;
                }
            }
            sp[n++] = (byte)')';
            o.Advance(n);
        }
    }
}
