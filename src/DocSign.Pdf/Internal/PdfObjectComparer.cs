using System.Globalization;

namespace DocSign.Pdf.Internal;

internal static class PdfObjectComparer
{
    /// <summary>Iterative-depth-bounded structural comparison. Streams: by data offset/length unless a file is given to compare bytes.</summary>
    public static bool Equal(PdfObject? a, PdfObject? b, PdfFile? file, int depth)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        if (depth > 1000) throw new PdfException(PdfErrorKind.LimitExceeded, "Objects nested too deeply to compare.");
        if (a.Kind != b.Kind) return false;
        switch (a)
        {
            case PdfBoolean x: return x.Value == ((PdfBoolean)b).Value;
            case PdfInteger x: return x.Value == ((PdfInteger)b).Value;
            case PdfReal x: return x.Value.Equals(((PdfReal)b).Value);
            case PdfString x: return x.Value.SequenceEqual(((PdfString)b).Value);
            case PdfName x: return x.Value == ((PdfName)b).Value;
            case PdfReference x: return x.Equals((PdfReference)b);
            case PdfArray x:
            {
                var y = (PdfArray)b;
                if (x.Count != y.Count) return false;
                for (int i = 0; i < x.Count; i++)
                    if (!Equal(x[i], y[i], file, depth + 1)) return false;
                return true;
            }
            case PdfDictionary x:
            {
                var y = (PdfDictionary)b;
                if (x.Count != y.Count) return false;
                foreach (var kv in x)
                    if (!y.TryGetValue(kv.Key, out var other) || !Equal(kv.Value, other, file, depth + 1)) return false;
                return true;
            }
            case PdfStream x:
            {
                var y = (PdfStream)b;
                if (!Equal(StripLength(x.Dictionary), StripLength(y.Dictionary), file, depth + 1)) return false;
                if (x.DataLength != y.DataLength) return false;
                if (x.Data is not null || y.Data is not null || file is not null || !ReferenceEquals(x.Source, y.Source))
                {
                    if (x.DataOffset == y.DataOffset && x.DataOffset >= 0 && ReferenceEquals(x.Source, y.Source)) return true;
                    var dx = x.Data ?? (x.Source ?? file)?.ReadRawStreamData(x);
                    var dy = y.Data ?? (y.Source ?? file)?.ReadRawStreamData(y);
                    return dx is not null && dy is not null && dx.AsSpan().SequenceEqual(dy);
                }
                return x.DataOffset == y.DataOffset;
            }
            case PdfPlaceholder: return false;
            default: return true; // null
        }
    }

    // /Length may be direct in one and indirect in the other while the data is identical.
    private static PdfDictionary StripLength(PdfDictionary d)
    {
        if (!d.ContainsKey("Length")) return d;
        var c = new PdfDictionary();
        foreach (var kv in d)
            if (kv.Key != "Length") c.SetInternal(kv.Key, kv.Value);
        return c;
    }
}

internal static class Num
{
    public static string Format(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v)) return "0";
        if (v == Math.Floor(v) && Math.Abs(v) < 1e15) return ((long)v).ToString(CultureInfo.InvariantCulture);
        // Shortest text that reads back as the same double, in fixed notation (PDF has no exponents).
        foreach (var digits in new[] { 6, 10, 15, 17 })
        {
            var g = v.ToString("G" + digits, CultureInfo.InvariantCulture);
            if (double.Parse(g, CultureInfo.InvariantCulture) != v) continue;
            if (!g.Contains('E')) return g;
            var d = (decimal)double.Parse(g, CultureInfo.InvariantCulture);
            return d.ToString("0.############################", CultureInfo.InvariantCulture);
        }
        return v.ToString("0.#################", CultureInfo.InvariantCulture);
    }
}
