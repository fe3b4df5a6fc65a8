using DocSign.Core.Letters;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using DocSign.Core.Text;

namespace DocSign.Infrastructure.Rendering;

/// <summary>
/// Draws a surat pengantar on one A4 page as offices lay it out: kop surat over a double rule; place and date;
/// Nomor, Sifat, Lampiran, Perihal; "Kepada Yth." and the addressee; the centred title; the table No / Naskah
/// Dinas yang Dikirimkan / Banyaknya / Keterangan; the sender block on the right and the receipt block on the left.
/// Only DocSign's own content goes in; PDFsharp never reads a file from outside.
/// </summary>
public sealed class CoverLetterPdf : ICoverLetterRenderer
{
    private const double PageWidth = 595, PageHeight = 842, Left = 70, Right = 540;

    /// <summary>Where the sender block's signature space is (page 1, PDF points from bottom-left), for a visible stamp.</summary>
    public static readonly (double X, double Y, double Width, double Height) SignatureBox = (330, 200, 210, 60);

    public byte[] Render(CoverLetterContent c)
    {
        GeneratedPdfFonts.Ensure();
        using var doc = new PdfDocument();
        doc.Info.Title = $"Surat Pengantar {c.Number}";
        doc.Info.Subject = c.Subject;
        doc.Info.Creator = "DocSign";
        // Uncompressed: the letter is small, and qpdf/pdftotext read it as is.
        doc.Options.CompressContentStreams = false;
        doc.Options.NoCompression = true;
        var page = doc.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        using (var g = XGraphics.FromPdfPage(page))
            Draw(g, c);
        ArchivalPdf.Prepare(doc);
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return ArchivalPdf.Finish(doc, ms.ToArray());
    }

    private static XFont Font(double size, bool bold = false) => new(GeneratedPdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private static void Draw(XGraphics g, CoverLetterContent c)
    {
        double y = 40;
        // Kop surat: government, office (larger), address; then the double rule.
        for (var i = 0; i < c.Letterhead.Count; i++)
        {
            var size = i == 1 ? 16 : i == 0 ? 13 : 10;
            var font = Font(size, bold: i < 2);
            g.DrawString(c.Letterhead[i], font, XBrushes.Black, new XRect(Left, y, Right - Left, size * 1.3), XStringFormats.TopCenter);
            y += size * 1.35;
        }
        y += 4;
        g.DrawLine(new XPen(XColors.Black, 2), Left, y, Right, y);
        g.DrawLine(new XPen(XColors.Black, 0.6), Left, y + 3, Right, y + 3);
        y += 16;

        var body = Font(11);
        g.DrawString($"{c.Place}, {IndonesianText.Date(c.Date)}", body, XBrushes.Black, new XRect(330, y, Right - 330, 14), XStringFormats.TopLeft);
        y += 20;
        double labelX = Left, colonX = Left + 58, valueX = Left + 66;
        var top = y;
        foreach (var (label, value) in new[] { ("Nomor", c.Number), ("Sifat", c.Sifat), ("Lampiran", c.Attachment), ("Perihal", c.Subject) })
        {
            g.DrawString(label, body, XBrushes.Black, labelX, y, XStringFormats.TopLeft);
            g.DrawString(":", body, XBrushes.Black, colonX, y, XStringFormats.TopLeft);
            y += Wrapped(g, value, body, valueX, y, 330 - valueX - 10);
        }
        // Addressee on the right, level with the Nomor block.
        var ay = top;
        g.DrawString("Kepada Yth.", body, XBrushes.Black, 330, ay, XStringFormats.TopLeft);
        ay += 15;
        foreach (var line in c.Addressee)
            ay += Wrapped(g, line, body, 330, ay, Right - 330);
        g.DrawString("di", body, XBrushes.Black, 330, ay, XStringFormats.TopLeft);
        ay += 15;
        g.DrawString("TEMPAT", Font(11, bold: true), XBrushes.Black, 345, ay, XStringFormats.TopLeft);
        ay += 15;
        y = Math.Max(y, ay) + 18;

        var title = Font(13, bold: true);
        g.DrawString("SURAT PENGANTAR", title, XBrushes.Black, new XRect(Left, y, Right - Left, 16), XStringFormats.TopCenter);
        var tw = g.MeasureString("SURAT PENGANTAR", title).Width;
        g.DrawLine(new XPen(XColors.Black, 0.8), (PageWidth - tw) / 2 + (Left - (PageWidth - Right)) / 2, y + 16, (PageWidth + tw) / 2 + (Left - (PageWidth - Right)) / 2, y + 16);
        y += 20;
        g.DrawString($"Nomor: {c.Number}", Font(10), XBrushes.Black, new XRect(Left, y, Right - Left, 13), XStringFormats.TopCenter);
        y += 22;

        y = Table(g, c.Items, y) + 26;

        // Receipt block (left) and sender block (right) side by side.
        var small = Font(10);
        var ry = y;
        g.DrawString("Diterima tanggal ....................", small, XBrushes.Black, Left, ry, XStringFormats.TopLeft);
        ry += 14;
        g.DrawString("Penerima,", small, XBrushes.Black, Left, ry, XStringFormats.TopLeft);
        ry += 60;
        g.DrawString("(....................................)", small, XBrushes.Black, Left, ry, XStringFormats.TopLeft);
        ry += 14;
        g.DrawString("NIP. ..............................", small, XBrushes.Black, Left, ry, XStringFormats.TopLeft);

        var sx = 330.0;
        var sy = y;
        var titleLines = c.SenderTitle.ToList();
        if (!string.IsNullOrEmpty(c.SenderAuthority) && titleLines.Count > 0 && !titleLines[0].StartsWith(c.SenderAuthority, StringComparison.OrdinalIgnoreCase))
            titleLines[0] = c.SenderAuthority + " " + titleLines[0];
        foreach (var line in titleLines)
            sy += Wrapped(g, line, Font(10, bold: true), sx, sy, Right - sx);
        sy += 6;
        g.DrawString("Ditandatangani secara elektronik", Font(8), XBrushes.Gray, sx, sy + 20, XStringFormats.TopLeft);
        sy += 62;
        var nameFont = Font(10, bold: true);
        g.DrawString(c.SenderName, nameFont, XBrushes.Black, sx, sy, XStringFormats.TopLeft);
        var nw = g.MeasureString(c.SenderName, nameFont).Width;
        g.DrawLine(new XPen(XColors.Black, 0.6), sx, sy + 12.5, sx + nw, sy + 12.5);
        sy += 14;
        if (!string.IsNullOrEmpty(c.SenderNip))
            g.DrawString("NIP. " + IndonesianText.Nip(c.SenderNip), small, XBrushes.Black, sx, sy, XStringFormats.TopLeft);
    }

    private static double Table(XGraphics g, IReadOnlyList<CoverLetterItem> items, double y)
    {
        double[] widths = [30, 215, 85, Right - Left - 30 - 215 - 85];
        string[] heads = ["No", "Naskah Dinas yang Dikirimkan", "Banyaknya", "Keterangan"];
        var pen = new XPen(XColors.Black, 0.6);
        var head = Font(10, bold: true);
        var cell = Font(10);
        var rowH = 30.0;
        var x = Left;
        for (var i = 0; i < 4; i++)
        {
            g.DrawRectangle(pen, x, y, widths[i], rowH);
            var tf = new XTextFormatter(g) { Alignment = XParagraphAlignment.Center };
            tf.DrawString(heads[i], head, XBrushes.Black, new XRect(x + 3, y + 4, widths[i] - 6, rowH - 6), XStringFormats.TopLeft);
            x += widths[i];
        }
        y += rowH;
        foreach (var item in items)
        {
            string[] texts = [item.No.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Document, item.Quantity, item.Note];
            var h = Math.Max(24, texts.Select((t, i) => LinesFor(g, t, cell, widths[i] - 8) * 13 + 10).Max());
            x = Left;
            for (var i = 0; i < 4; i++)
            {
                g.DrawRectangle(pen, x, y, widths[i], h);
                var tf = new XTextFormatter(g) { Alignment = i == 0 ? XParagraphAlignment.Center : XParagraphAlignment.Left };
                tf.DrawString(texts[i], cell, XBrushes.Black, new XRect(x + 4, y + 5, widths[i] - 8, h - 6), XStringFormats.TopLeft);
                x += widths[i];
            }
            y += h;
        }
        return y;
    }

    /// <summary>Draws text wrapped at word boundaries in a column; returns the height used.</summary>
    private static double Wrapped(XGraphics g, string text, XFont font, double x, double y, double width)
    {
        var lines = Wrap(g, text, font, width);
        var lineH = font.Size * 1.3;
        foreach (var line in lines)
        {
            g.DrawString(line, font, XBrushes.Black, x, y, XStringFormats.TopLeft);
            y += lineH;
        }
        return lines.Count * lineH;
    }

    private static int LinesFor(XGraphics g, string text, XFont font, double width) => Wrap(g, text, font, width).Count;

    private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (g.MeasureString(candidate, font).Width <= width || current.Length == 0) current = candidate;
            else { lines.Add(current); current = word; }
        }
        if (current.Length > 0 || lines.Count == 0) lines.Add(current);
        return lines;
    }
}
