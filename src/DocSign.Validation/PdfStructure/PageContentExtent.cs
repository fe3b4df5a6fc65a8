using System.Text;
using DocSign.Pdf;

namespace DocSign.Validation.PdfStructure;

/// <summary>An axis-aligned rectangle in default user space.</summary>
internal readonly record struct Box(double X0, double Y0, double X1, double Y1)
{
    public bool Intersects(Box o, double margin = 0.5) =>
        X0 + margin < o.X1 && o.X0 + margin < X1 && Y0 + margin < o.Y1 && o.Y0 + margin < Y1;

    /// <summary>The rectangle of a /Rect array (any corner order), or null when it is not four numbers.</summary>
    public static Box? FromRect(PdfRevisionView v, PdfObject? rect)
    {
        if (v.Resolve(rect) is not PdfArray { Count: 4 } a) return null;
        var n = new double[4];
        for (int i = 0; i < 4; i++)
        {
            switch (v.Resolve(a[i]))
            {
                case PdfInteger pi: n[i] = pi.Value; break;
                case PdfReal pr when double.IsFinite(pr.Value): n[i] = pr.Value; break;
                default: return null;
            }
        }
        return new Box(Math.Min(n[0], n[2]), Math.Min(n[1], n[3]), Math.Max(n[0], n[2]), Math.Max(n[1], n[3]));
    }
}

/// <summary>
/// Where a page's own content puts text and images, estimated from its content stream without rendering: each
/// shown string as a box from its text position (0.6 em per character, from a quarter em below the baseline to one
/// em above it), each XObject as its box under the current matrix. Used to tell a later appearance that sits beside
/// signed content from one that paints over it. A content stream that cannot be read, or is too large to scan,
/// counts as covering the whole page (so nothing painted after signing is taken as beside it).
/// </summary>
internal static class PageContentExtent
{
    private const int MaxBytes = 8 << 20;

    public static List<Box> Of(PdfRevisionView v, PdfPage page)
    {
        var whole = new List<Box> { new(double.MinValue / 4, double.MinValue / 4, double.MaxValue / 4, double.MaxValue / 4) };
        var data = new MemoryStream();
        try
        {
            var contents = v.Resolve(page.Dictionary["Contents"]);
            var streams = contents is PdfArray arr ? arr.Select(v.Resolve).ToList() : [contents];
            foreach (var s in streams)
            {
                if (s is PdfNull) continue;
                if (s is not PdfStream st) return whole;
                var bytes = v.File.ReadDecodedStreamData(st);
                if (data.Length + bytes.Length > MaxBytes) return whole;
                data.Write(bytes);
                data.WriteByte((byte)'\n');
            }
        }
        catch (PdfException) { return whole; }
        var xobjects = v.Resolve(page.Resources?["XObject"]) as PdfDictionary;
        return Scan(data.GetBuffer().AsSpan(0, (int)data.Length), v, xobjects) ?? whole;
    }

    /// <summary>Whether <paramref name="area"/> covers any of the page's content boxes.</summary>
    public static bool Covers(IReadOnlyList<Box> content, Box area) => content.Any(b => b.Intersects(area));

    private sealed class State
    {
        public double[] Ctm = [1, 0, 0, 1, 0, 0];
        public State Clone() => new() { Ctm = (double[])Ctm.Clone() };
    }

    private static List<Box>? Scan(ReadOnlySpan<byte> s, PdfRevisionView v, PdfDictionary? xobjects)
    {
        var boxes = new List<Box>();
        var operands = new List<object>();
        var stack = new Stack<State>();
        var gs = new State();
        double[] tm = [1, 0, 0, 1, 0, 0], tlm = [1, 0, 0, 1, 0, 0];
        double size = 12, leading = 0;
        int i = 0, ops = 0;
        while (i < s.Length)
        {
            if (++ops > 4_000_000 || boxes.Count > 200_000) return null;
            byte c = s[i];
            if (c is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0) { i++; continue; }
            if (c == '%') { while (i < s.Length && s[i] is not ((byte)'\n' or (byte)'\r')) i++; continue; }
            if (c == '(') { operands.Add(LiteralLength(s, ref i)); continue; }
            if (c == '<' && i + 1 < s.Length && s[i + 1] == '<') { i += 2; operands.Add("<<"); continue; }
            if (c == '>' && i + 1 < s.Length && s[i + 1] == '>') { i += 2; continue; }
            if (c == '<') { int start = ++i; while (i < s.Length && s[i] != '>') i++; operands.Add((i - start + 1) / 2); i++; continue; }
            if (c == '[') { operands.Add("["); i++; continue; }
            if (c == ']') { CollapseArray(operands); i++; continue; }
            if (c == '/') { int start = ++i; while (i < s.Length && Regular(s[i])) i++; operands.Add("/" + Encoding.ASCII.GetString(s[start..i])); continue; }
            if (c is (byte)'+' or (byte)'-' or (byte)'.' || c is >= (byte)'0' and <= (byte)'9')
            {
                int start = i++;
                while (i < s.Length && (s[i] is (byte)'.' || s[i] is >= (byte)'0' and <= (byte)'9')) i++;
                operands.Add(double.TryParse(Encoding.ASCII.GetString(s[start..i]), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0.0);
                continue;
            }
            int ks = i;
            while (i < s.Length && Regular(s[i])) i++;
            if (i == ks) { i++; continue; }
            string op = Encoding.ASCII.GetString(s[ks..i]);
            if (op == "BI") { int end = s[i..].IndexOf("EI"u8); Add(boxes, gs.Ctm, new Box(0, 0, 1, 1)); i = end < 0 ? s.Length : i + end + 2; operands.Clear(); continue; }
            double N(int k) => k < operands.Count && operands[k] is double d ? d : 0;
            switch (op)
            {
                case "q": stack.Push(gs.Clone()); break;
                case "Q": if (stack.Count > 0) gs = stack.Pop(); break;
                case "cm" when operands.Count >= 6: gs.Ctm = Mul([N(0), N(1), N(2), N(3), N(4), N(5)], gs.Ctm); break;
                case "BT": tm = [1, 0, 0, 1, 0, 0]; tlm = [1, 0, 0, 1, 0, 0]; break;
                case "Tf" when operands.Count >= 2: size = Math.Abs(N(1)); break;
                case "TL": leading = N(0); break;
                case "Td": tlm = Mul([1, 0, 0, 1, N(0), N(1)], tlm); tm = (double[])tlm.Clone(); break;
                case "TD": leading = -N(1); tlm = Mul([1, 0, 0, 1, N(0), N(1)], tlm); tm = (double[])tlm.Clone(); break;
                case "Tm" when operands.Count >= 6: tlm = [N(0), N(1), N(2), N(3), N(4), N(5)]; tm = (double[])tlm.Clone(); break;
                case "T*": tlm = Mul([1, 0, 0, 1, 0, -leading], tlm); tm = (double[])tlm.Clone(); break;
                case "Tj" or "'" or "\"" or "TJ":
                {
                    if (op is "'" or "\"") { tlm = Mul([1, 0, 0, 1, 0, -leading], tlm); tm = (double[])tlm.Clone(); }
                    int chars = operands.OfType<int>().Sum();
                    double w = 0.6 * size * chars;
                    Add(boxes, Mul(tm, gs.Ctm), new Box(0, -0.25 * size, w, size));
                    tm = Mul([1, 0, 0, 1, w, 0], tm);
                    break;
                }
                case "Do" when operands.Count >= 1 && operands[0] is string name && name.StartsWith('/'):
                {
                    var box = new Box(0, 0, 1, 1);
                    var m = gs.Ctm;
                    if (xobjects is not null && v.Resolve(xobjects[name[1..]]) is PdfStream xo && xo.Dictionary.GetName("Subtype") == "Form")
                    {
                        if (Box.FromRect(v, xo.Dictionary["BBox"]) is { } bb) box = bb;
                        if (v.Resolve(xo.Dictionary["Matrix"]) is PdfArray { Count: 6 } fm && fm.All(x => v.Resolve(x) is PdfInteger or PdfReal))
                            m = Mul(fm.Select(x => v.Resolve(x) is PdfInteger n ? n.Value : ((PdfReal)v.Resolve(x)).Value).ToArray(), m);
                    }
                    Add(boxes, m, box);
                    break;
                }
            }
            operands.Clear();
        }
        return boxes;
    }

    private static bool Regular(byte b) =>
        b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0 or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>'
            or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');

    // A literal string's length in characters (escapes count once), with the position moved past it.
    private static int LiteralLength(ReadOnlySpan<byte> s, ref int i)
    {
        int depth = 0, n = 0;
        i++;
        while (i < s.Length)
        {
            byte c = s[i++];
            if (c == '\\') { if (i < s.Length) { if (s[i] is >= (byte)'0' and <= (byte)'7') { int k = 0; while (k < 3 && i < s.Length && s[i] is >= (byte)'0' and <= (byte)'7') { i++; k++; } } else i++; } n++; continue; }
            if (c == '(') depth++;
            else if (c == ')') { if (depth-- == 0) break; }
            n++;
        }
        return n;
    }

    // Folds a TJ array's strings into one character count (the numbers are kerning).
    private static void CollapseArray(List<object> operands)
    {
        int open = operands.LastIndexOf("[");
        if (open < 0) return;
        int chars = operands.Skip(open + 1).OfType<int>().Sum();
        operands.RemoveRange(open, operands.Count - open);
        operands.Add(chars);
    }

    private static double[] Mul(double[] a, double[] b) =>
    [
        a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5],
    ];

    private static void Add(List<Box> boxes, double[] m, Box b)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (x, y) in new[] { (b.X0, b.Y0), (b.X1, b.Y0), (b.X0, b.Y1), (b.X1, b.Y1) })
        {
            double px = x * m[0] + y * m[2] + m[4], py = x * m[1] + y * m[3] + m[5];
            minX = Math.Min(minX, px); maxX = Math.Max(maxX, px); minY = Math.Min(minY, py); maxY = Math.Max(maxY, py);
        }
        if (double.IsFinite(minX + minY + maxX + maxY) && maxX > minX && maxY > minY) boxes.Add(new Box(minX, minY, maxX, maxY));
    }
}
