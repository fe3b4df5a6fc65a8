using System.Globalization;
using System.Text;

namespace DocSign.Core.Letters;

/// <summary>
/// Renders letter numbers from an office's pattern. Fields: <c>{klasifikasi}</c>, <c>{urut}</c> (or
/// <c>{urut:3}</c> zero-padded), <c>{unit}</c>, <c>{tahun}</c>, <c>{bulan}</c> (two digits),
/// <c>{bulan-romawi}</c> (I..XII); anything else is copied as written.
/// </summary>
public static class NumberTemplate
{
    private static readonly string[] Roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

    /// <summary>The fields a pattern may use.</summary>
    public static readonly IReadOnlyList<string> Fields = ["klasifikasi", "urut", "unit", "tahun", "bulan", "bulan-romawi"];

    /// <summary>Checks a pattern: known fields only, balanced braces, and a running number in it.</summary>
    public static string? Problem(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > 200) return "Pola nomor kosong atau terlalu panjang.";
        var hasSequence = false;
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] == '}') return "Pola nomor memuat '}' tanpa pasangan.";
            if (pattern[i] != '{') { i++; continue; }
            var end = pattern.IndexOf('}', i);
            if (end < 0) return "Pola nomor memuat '{' tanpa pasangan.";
            var field = pattern[(i + 1)..end];
            var name = field.Split(':')[0];
            if (!Fields.Contains(name)) return $"Pola nomor memuat isian tidak dikenal: {{{field}}}.";
            if (name == "urut") hasSequence = true;
            if (field.Contains(':') && (name != "urut" || !int.TryParse(field[(name.Length + 1)..], out var w) || w is < 1 or > 6))
                return $"Isian {{{field}}} tidak sah; gunakan {{urut}} atau {{urut:3}}.";
            i = end + 1;
        }
        return hasSequence ? null : "Pola nomor harus memuat {urut}.";
    }

    /// <summary>The number for running number <paramref name="sequence"/> (and sisipan <paramref name="insert"/>) on <paramref name="date"/>.</summary>
    public static string Render(string pattern, string classification, int sequence, int insert, InsertStyle style, string unit, DateOnly date)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] != '{') { sb.Append(pattern[i++]); continue; }
            var end = pattern.IndexOf('}', i);
            if (end < 0) { sb.Append(pattern[i..]); break; }
            var field = pattern[(i + 1)..end];
            var parts = field.Split(':');
            sb.Append(parts[0] switch
            {
                "klasifikasi" => classification,
                "urut" => SequenceText(sequence, insert, style, parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0),
                "unit" => unit,
                "tahun" => date.Year.ToString(CultureInfo.InvariantCulture),
                "bulan" => date.Month.ToString("00", CultureInfo.InvariantCulture),
                "bulan-romawi" => Roman[date.Month - 1],
                _ => "{" + field + "}",
            });
            i = end + 1;
        }
        return sb.ToString();
    }

    /// <summary>17, 017, 17.1 or 17a.</summary>
    public static string SequenceText(int sequence, int insert, InsertStyle style, int width)
    {
        var main = width > 0 ? sequence.ToString(new string('0', width), CultureInfo.InvariantCulture) : sequence.ToString(CultureInfo.InvariantCulture);
        if (insert <= 0) return main;
        return style == InsertStyle.Letter ? main + Letters(insert) : main + "." + insert.ToString(CultureInfo.InvariantCulture);
    }

    // a..z, then aa, ab, ... (a 27th insert after one number is unlikely but must not break).
    private static string Letters(int n)
    {
        var s = "";
        while (n > 0) { n--; s = (char)('a' + n % 26) + s; n /= 26; }
        return s;
    }
}
