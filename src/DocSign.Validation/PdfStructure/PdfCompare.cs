using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure;

/// <summary>
/// Compares an object as of a signed revision with its counterpart in the final document, the way a reader
/// would see them: numbers by value (612 equals 612.0), dictionaries regardless of key order, and references
/// that differ by the objects they lead to (a resource dictionary copied to a new object number is the same
/// resources). References with the same number count as equal here: whether that object changed is judged on
/// its own by the object-by-object pass. Bounded in depth and in work.
/// </summary>
internal sealed class PdfCompare
{
    private readonly PdfFile _file;
    private readonly PdfRevisionView _old;
    private readonly PdfRevisionView _new;
    private int _budget = 200_000;
    private readonly HashSet<(int, int)> _assumed = new();

    public PdfCompare(PdfFile file, PdfRevisionView old, PdfRevisionView @new)
    {
        _file = file;
        _old = old;
        _new = @new;
    }

    public bool Equal(PdfObject? a, PdfObject? b)
    {
        // The "assumed equal" pairs only break cycles within one comparison: a pair found different in an
        // earlier comparison must not be taken as equal in the next one.
        _assumed.Clear();
        _budget = 200_000;
        return Eq(a, b, 0);
    }

    private bool Eq(PdfObject? a, PdfObject? b, int depth)
    {
        if (--_budget < 0 || depth > 200) return false;
        a ??= PdfNull.Instance;
        b ??= PdfNull.Instance;
        if (a is PdfReference ra && b is PdfReference rb)
        {
            if (ra.Equals(rb)) return true;
            // Different objects: equal when what they lead to is equal (cycles assumed equal once entered).
            if (!_assumed.Add((ra.ObjectNumber, rb.ObjectNumber))) return true;
            return Eq(_old.GetObject(ra), _new.GetObject(rb), depth + 1);
        }
        if (a is PdfReference ra2) return Eq(_old.GetObject(ra2), b, depth + 1);
        if (b is PdfReference rb2) return Eq(a, _new.GetObject(rb2), depth + 1);
        if (Number(a) is { } na && Number(b) is { } nb) return Math.Abs(na - nb) < 1e-9;
        if (a.Kind != b.Kind) return false;
        switch (a)
        {
            case PdfNull: return true;
            case PdfBoolean x: return x.Value == ((PdfBoolean)b).Value;
            case PdfString x: return SameText(x, (PdfString)b);
            case PdfName x: return x.Value == ((PdfName)b).Value;
            case PdfArray x:
            {
                var y = (PdfArray)b;
                if (x.Count != y.Count) return false;
                for (int i = 0; i < x.Count; i++) if (!Eq(x[i], y[i], depth + 1)) return false;
                return true;
            }
            case PdfDictionary x: return DictEq(x, (PdfDictionary)b, depth, ignoreLength: false);
            case PdfStream x:
            {
                var y = (PdfStream)b;
                if (!DictEq(x.Dictionary, y.Dictionary, depth, ignoreLength: true)) return false;
                if (x.DataLength != y.DataLength) return false;
                if (x.DataOffset >= 0 && x.DataOffset == y.DataOffset) return true;
                return SameBytes(x, y);
            }
            default: return false;
        }
    }

    private bool DictEq(PdfDictionary x, PdfDictionary y, int depth, bool ignoreLength)
    {
        foreach (var k in x.Keys.Union(y.Keys))
        {
            if (ignoreLength && k == "Length") continue;
            // A missing key and an explicit null mean the same.
            if (!Eq(x[k], y[k], depth + 1)) return false;
        }
        return true;
    }

    /// <summary>
    /// Strings compare by meaning: the same bytes, or the same text where one of them is written as a Unicode text
    /// string (UTF-16BE or UTF-8 with its byte order mark), as form fillers rewrite /V and /DV (an empty
    /// &lt;FEFF&gt; and an empty () are the same empty value).
    /// </summary>
    private static bool SameText(PdfString x, PdfString y)
    {
        if (x.Value.SequenceEqual(y.Value)) return true;
        static bool Unicode(ReadOnlySpan<byte> v) => v is [0xFE, 0xFF, ..] || v is [0xEF, 0xBB, 0xBF, ..];
        return (Unicode(x.Value) || Unicode(y.Value)) && string.Equals(x.ToText(), y.ToText(), StringComparison.Ordinal);
    }

    private static double? Number(PdfObject o) => o switch { PdfInteger i => i.Value, PdfReal r => r.Value, _ => null };

    private bool SameBytes(PdfStream x, PdfStream y)
    {
        using var sx = _file.OpenRawStreamData(x);
        var bx = ReadAll(sx, x.DataLength);
        using var sy = _file.OpenRawStreamData(y);
        var by = ReadAll(sy, y.DataLength);
        return bx is not null && by is not null && bx.AsSpan().SequenceEqual(by);
    }

    private static byte[]? ReadAll(Stream s, long len)
    {
        if (len > 64L * 1024 * 1024) return null;
        var buf = new byte[len];
        int got = 0;
        while (got < len)
        {
            int n = s.Read(buf, got, (int)(len - got));
            if (n <= 0) return null;
            got += n;
        }
        return buf;
    }
}
