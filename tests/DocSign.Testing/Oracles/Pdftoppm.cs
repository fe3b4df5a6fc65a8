namespace DocSign.Testing.Oracles;

/// <summary>A page rendered by poppler's pdftoppm as 8-bit grey pixels (PGM), to compare what a reader sees.</summary>
public sealed record RenderedPage(int Width, int Height, byte[] Pixels, double Dpi)
{
    public byte At(int x, int y) => Pixels[y * Width + x];

    /// <summary>Pixel box covering a rectangle given in PDF points from the page's bottom-left (grown by <paramref name="margin"/> pixels).</summary>
    public (int X0, int Y0, int X1, int Y1) PixelBox(double x, double y, double w, double h, int margin = 2)
    {
        double s = Dpi / 72.0;
        int x0 = (int)Math.Floor(x * s) - margin, x1 = (int)Math.Ceiling((x + w) * s) + margin;
        int y0 = (int)Math.Floor(Height - (y + h) * s) - margin, y1 = (int)Math.Ceiling(Height - y * s) + margin;
        return (Math.Max(0, x0), Math.Max(0, y0), Math.Min(Width, x1), Math.Min(Height, y1));
    }

    /// <summary>Renders page <paramref name="page"/> (1-based) of a PDF file.</summary>
    public static RenderedPage Render(string pdfPath, int page, double dpi = 50)
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"docsign-render-{Guid.NewGuid():N}");
        try
        {
            var r = ExternalTool.Run("pdftoppm", ["-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", "-f", page.ToString(), "-l", page.ToString(), "-singlefile", pdfPath, prefix]);
            if (r.ExitCode != 0) throw new InvalidOperationException("pdftoppm failed: " + r.Output);
            return ParsePgm(File.ReadAllBytes(prefix + ".pgm"), dpi);
        }
        finally { try { File.Delete(prefix + ".pgm"); } catch (IOException) { } }
    }

    private static RenderedPage ParsePgm(byte[] data, double dpi)
    {
        int pos = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)data[pos])) pos++;
            int start = pos;
            while (!char.IsWhiteSpace((char)data[pos])) pos++;
            return System.Text.Encoding.ASCII.GetString(data, start, pos - start);
        }
        if (Token() != "P5") throw new InvalidDataException("not a binary PGM");
        int w = int.Parse(Token()), h = int.Parse(Token());
        Token(); // maxval
        pos++;
        return new RenderedPage(w, h, data[pos..(pos + w * h)], dpi);
    }
}
