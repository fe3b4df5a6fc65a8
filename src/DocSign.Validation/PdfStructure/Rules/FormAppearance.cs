using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure.Rules;

/// <summary>
/// Whether a filled field's appearance is the appearance of its value (the Evil Annotation class of "Breaking the
/// Specification", IEEE S&amp;P 2021): a check box or radio button shows one of its own states, the one its value
/// names, and gains no state; a text or choice field draws text, and the text it draws is its value's.
/// </summary>
internal static class FormAppearance
{
    /// <summary>Why the widget's final appearance is not its value's, or null.</summary>
    public static string? Problem(ModificationAnalyzer ma, PdfDictionary widget)
    {
        var v = ma.Final;
        var (ft, value) = Inherited(v, widget);
        if (v.Resolve(widget["AP"]) is not PdfDictionary ap) return null;
        if (ft == "Btn")
        {
            if (v.Resolve(ap["N"]) is not PdfDictionary states) return null;
            var on = states.Keys.Where(k => k != "Off").ToList();
            if (on.Count > 1) return $"tombol dengan lebih dari satu tampilan aktif ({string.Join(", ", on)}): tampilan alternatif yang tidak sesuai nilainya";
            var asName = (v.Resolve(widget["AS"]) as PdfName)?.Value;
            var val = (value as PdfName)?.Value;
            if (asName is not null && asName != "Off" && val is not null && asName != val)
                return $"keadaan tampilan /{asName} tidak sama dengan nilai /{val}";
            return null;
        }
        if (ft is not ("Tx" or "Ch")) return null;
        var normal = v.Resolve(ap["N"]);
        if (normal is not PdfStream s) return normal is PdfDictionary ? "kolom teks dengan beberapa keadaan tampilan" : null;
        byte[] data;
        try { data = v.File.ReadDecodedStreamData(s); }
        catch (PdfException) { return "tampilan kolom tidak dapat dibaca"; }
        if (HasOperator(data, "Do"u8) || HasOperator(data, "BI"u8)) return "tampilan kolom teks menggambar gambar atau objek lain, bukan nilainya";
        // A field with a format action shows its value formatted by a script (1000 as "1.000,00"): not compared.
        if (HasFormatAction(v, widget)) return null;
        string text = value is PdfString str ? str.ToText() : "";
        foreach (var shown in LiteralStrings(data))
        {
            var t = shown.Trim();
            if (t.Length > 0 && !text.Contains(t, StringComparison.Ordinal))
                return $"tampilan kolom menulis \"{Short(t)}\" yang bukan nilainya";
        }
        return null;
    }

    private static bool HasFormatAction(PdfRevisionView v, PdfDictionary widget)
    {
        var node = widget;
        for (int i = 0; i < 16 && node is not null; i++)
        {
            if (v.Resolve(node["AA"]) is PdfDictionary aa && aa["F"] is not null) return true;
            node = v.Resolve(node["Parent"]) as PdfDictionary;
        }
        return false;
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

    // The field type and value, inherited through /Parent as ISO 32000-2 12.7.4 says.
    private static (string? Ft, PdfObject? Value) Inherited(PdfRevisionView v, PdfDictionary widget)
    {
        string? ft = null;
        PdfObject? value = null;
        var node = widget;
        for (int i = 0; i < 16 && node is not null; i++)
        {
            ft ??= node.GetName("FT");
            if (value is null && node["V"] is { } nv and not PdfNull) value = v.Resolve(nv);
            node = v.Resolve(node["Parent"]) as PdfDictionary;
        }
        return (ft, value);
    }

    private static bool HasOperator(byte[] data, ReadOnlySpan<byte> op)
    {
        var span = data.AsSpan();
        for (int i = span.IndexOf(op); i >= 0;)
        {
            bool before = i == 0 || IsDelimiter(span[i - 1]);
            bool after = i + op.Length >= span.Length || IsDelimiter(span[i + op.Length]);
            if (before && after) return true;
            int next = span[(i + 1)..].IndexOf(op);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return false;
    }

    private static bool IsDelimiter(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0 or (byte)'/' or (byte)'(' or (byte)')' or (byte)'[' or (byte)']' or (byte)'<' or (byte)'>';

    // The literal strings of a content stream (escapes resolved, as PDFDocEncoding text), outside comments.
    private static IEnumerable<string> LiteralStrings(byte[] data)
    {
        var list = new List<string>();
        int i = 0;
        while (i < data.Length && list.Count < 1000)
        {
            byte c = data[i];
            if (c == '%') { while (i < data.Length && data[i] is not ((byte)'\n' or (byte)'\r')) i++; continue; }
            if (c != '(') { i++; continue; }
            var sb = new List<byte>();
            int depth = 0;
            i++;
            while (i < data.Length)
            {
                byte d = data[i++];
                if (d == '\\' && i < data.Length)
                {
                    byte e = data[i++];
                    switch (e)
                    {
                        case (byte)'n': sb.Add((byte)'\n'); break;
                        case (byte)'r': sb.Add((byte)'\r'); break;
                        case (byte)'t': sb.Add((byte)'\t'); break;
                        case (byte)'b': sb.Add(8); break;
                        case (byte)'f': sb.Add(12); break;
                        case >= (byte)'0' and <= (byte)'7':
                        {
                            int val = e - '0';
                            for (int k = 0; k < 2 && i < data.Length && data[i] is >= (byte)'0' and <= (byte)'7'; k++) val = val * 8 + (data[i++] - '0');
                            sb.Add((byte)val);
                            break;
                        }
                        case (byte)'\r': if (i < data.Length && data[i] == '\n') i++; break;
                        case (byte)'\n': break;
                        default: sb.Add(e); break;
                    }
                    continue;
                }
                if (d == '(') depth++;
                else if (d == ')' && depth-- == 0) break;
                sb.Add(d);
            }
            list.Add(new PdfString(sb.ToArray()).ToText());
        }
        return list;
    }
}
