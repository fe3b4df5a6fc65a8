using DocSign.Pdf.Internal;
using System.Globalization;
using System.Text;

namespace DocSign.Pdf;

/// <summary>
/// A small content-stream builder for signature appearances: text in a standard 14 font
/// (WinAnsiEncoding), rectangles, lines, images. Coordinates are PDF points.
/// </summary>
public sealed class PdfContentBuilder
{
    private readonly StringBuilder _sb = new();
    private static readonly Encoding WinAnsi = CreateWinAnsi();

    private PdfContentBuilder Op(string s) { _sb.Append(s).Append('\n'); return this; }
    private static string N(double v) => Num.Format(v);

    public PdfContentBuilder SaveState() => Op("q");
    public PdfContentBuilder RestoreState() => Op("Q");
    public PdfContentBuilder SetLineWidth(double w) => Op($"{N(w)} w");
    /// <summary>Fill colour, RGB components 0..1.</summary>
    public PdfContentBuilder SetFillRgb(double r, double g, double b) => Op($"{N(r)} {N(g)} {N(b)} rg");
    /// <summary>Stroke colour, RGB components 0..1.</summary>
    public PdfContentBuilder SetStrokeRgb(double r, double g, double b) => Op($"{N(r)} {N(g)} {N(b)} RG");
    public PdfContentBuilder Rectangle(double x, double y, double width, double height) => Op($"{N(x)} {N(y)} {N(width)} {N(height)} re");
    public PdfContentBuilder MoveTo(double x, double y) => Op($"{N(x)} {N(y)} m");
    public PdfContentBuilder LineTo(double x, double y) => Op($"{N(x)} {N(y)} l");
    public PdfContentBuilder Line(double x1, double y1, double x2, double y2) => MoveTo(x1, y1).LineTo(x2, y2).Stroke();
    public PdfContentBuilder Stroke() => Op("S");
    public PdfContentBuilder Fill() => Op("f");
    public PdfContentBuilder FillAndStroke() => Op("B");
    public PdfContentBuilder Transform(double a, double b, double c, double d, double e, double f) => Op($"{N(a)} {N(b)} {N(c)} {N(d)} {N(e)} {N(f)} cm");

    /// <summary>One line of text at (x, y) with a font resource name (e.g. "F1") of the form XObject's /Resources.</summary>
    public PdfContentBuilder Text(string fontResource, double size, double x, double y, string text)
    {
        _sb.Append("BT\n");
        var name = new System.Buffers.ArrayBufferWriter<byte>();
        PdfSerializer.WriteName(fontResource, name);
        _sb.Append(Encoding.Latin1.GetString(name.WrittenSpan)).Append(' ').Append(N(size)).Append(" Tf\n");
        _sb.Append(N(x)).Append(' ').Append(N(y)).Append(" Td\n");
        _sb.Append(EncodeText(text)).Append(" Tj\nET\n");
        return this;
    }

    /// <summary>Paints an image XObject resource scaled to the given rectangle.</summary>
    public PdfContentBuilder DrawImage(string imageResource, double x, double y, double width, double height)
    {
        var name = new System.Buffers.ArrayBufferWriter<byte>();
        PdfSerializer.WriteName(imageResource, name);
        return SaveState().Transform(width, 0, 0, height, x, y).Op($"{Encoding.Latin1.GetString(name.WrittenSpan)} Do").RestoreState();
    }

    /// <summary>The content stream bytes.</summary>
    public byte[] ToArray() => Encoding.Latin1.GetBytes(_sb.ToString());

    /// <summary>Approximate width of <paramref name="text"/> in Helvetica at <paramref name="size"/> (for layout; 0.5 em per char average, 0.278 for spaces).</summary>
    public static double EstimateHelveticaWidth(string text, double size) =>
        text.Sum(c => c == ' ' ? 0.278 : char.IsUpper(c) ? 0.667 : char.IsDigit(c) ? 0.556 : 0.5) * size;

    // Literal string in WinAnsi; characters WinAnsi lacks become '?'.
    private static string EncodeText(string text)
    {
        var bytes = WinAnsi.GetBytes(text);
        var sb = new StringBuilder("(");
        foreach (var b in bytes)
        {
            if (b is (byte)'(' or (byte)')' or (byte)'\\') sb.Append('\\').Append((char)b);
            else if (b < 0x20 || b > 0x7E) sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            else sb.Append((char)b);
        }
        return sb.Append(')').ToString();
    }

    private static Encoding CreateWinAnsi()
    {
        // Latin-1 covers WinAnsi except 0x80-0x9F; '?' for anything outside.
        return Encoding.GetEncoding("ISO-8859-1", new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);
    }

    /// <summary>A font dictionary for one of the standard 14 fonts (e.g. "Helvetica") with WinAnsiEncoding.</summary>
    public static PdfDictionary StandardFont(string baseFont = "Helvetica") =>
        new PdfDictionary()
            .Set("Type", new PdfName("Font"))
            .Set("Subtype", new PdfName("Type1"))
            .Set("BaseFont", new PdfName(baseFont))
            .Set("Encoding", new PdfName("WinAnsiEncoding"));

    /// <summary>An image XObject from 8-bit pixels (RGB when <paramref name="rgb"/>, else gray), Flate-compressed.</summary>
    public static PdfStream Image(int width, int height, ReadOnlySpan<byte> pixels, bool rgb)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != (long)width * height * (rgb ? 3 : 1)) throw new ArgumentException("Pixel buffer size does not match width × height.", nameof(pixels));
        var d = new PdfDictionary()
            .Set("Type", new PdfName("XObject"))
            .Set("Subtype", new PdfName("Image"))
            .Set("Width", new PdfInteger(width))
            .Set("Height", new PdfInteger(height))
            .Set("ColorSpace", new PdfName(rgb ? "DeviceRGB" : "DeviceGray"))
            .Set("BitsPerComponent", new PdfInteger(8));
        return PdfIncrementalWriter.CreateStream(d, pixels, compress: true);
    }

    /// <summary>A form XObject (e.g. a signature appearance /AP /N) of the given size from content bytes.</summary>
    public static PdfStream FormXObject(double width, double height, byte[] content, PdfDictionary? resources)
    {
        var d = new PdfDictionary()
            .Set("Type", new PdfName("XObject"))
            .Set("Subtype", new PdfName("Form"))
            .Set("BBox", PdfArray.OfNumbers(0, 0, width, height));
        if (resources is not null) d.Set("Resources", resources);
        return PdfIncrementalWriter.CreateStream(d, content, compress: true);
    }
}
