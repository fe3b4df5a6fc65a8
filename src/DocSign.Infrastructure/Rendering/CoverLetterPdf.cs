using DocSign.Core.Letters;
using DocSign.Core.Text;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using QRCoder;

namespace DocSign.Infrastructure.Rendering;

/// <summary>
/// Draws a surat pengantar on one page (A4, or F4/Folio 215 × 330 mm, as the office sets) in the Tata Naskah Dinas
/// layout: the kop (regional emblem, government and office, address, telephone and website) over a double rule; the
/// addressee ("Kepada Yth. ... di TEMPAT"); the centred title with the number (printed once); the table No / Naskah
/// Dinas yang Dikirimkan / Banyaknya / Keterangan; at the foot the receipt block on the left and, on the right, place
/// and date, the sender's jabatan, the signature space (with the QR code to the verification page when the letter is
/// signed electronically), name and NIP, and the mandate's decree for Plt./Plh./a.n./u.b.; then the tembusan and the
/// footer naming the certificate's issuer. No Sifat, Lampiran or Perihal lines: those belong to a surat dinas.
/// Only DocSign's own content goes in; PDFsharp never reads a file from outside.
/// </summary>
public sealed class CoverLetterPdf : ICoverLetterRenderer
{
    private const double Left = 70, RightMargin = 57, Top = 36, Bottom = 40;

    /// <summary>Page size in points: A4 210 × 297 mm, F4/Folio 215 × 330 mm.</summary>
    public static (double Width, double Height) PageSize(PaperSize paper) =>
        paper == PaperSize.F4 ? (215 / 25.4 * 72, 330 / 25.4 * 72) : (210 / 25.4 * 72, 297 / 25.4 * 72);

    public byte[] Render(CoverLetterContent c)
    {
        GeneratedPdfFonts.Ensure();
        using var doc = new PdfDocument();
        doc.Info.Title = $"Surat Pengantar {c.Number}";
        doc.Info.Subject = $"Surat Pengantar Nomor {c.Number}";
        doc.Info.Creator = "DocSign";
        // Uncompressed: the letter is small, and qpdf/pdftotext read it as is.
        doc.Options.CompressContentStreams = false;
        doc.Options.NoCompression = true;
        var page = doc.AddPage();
        var (width, height) = PageSize(c.Paper);
        page.Width = XUnit.FromPoint(width);
        page.Height = XUnit.FromPoint(height);
        using (var g = XGraphics.FromPdfPage(page))
            new Drawing(g, width, height).Draw(c);
        ArchivalPdf.Prepare(doc);
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return ArchivalPdf.Finish(doc, ms.ToArray());
    }

    public bool CanDrawImage(byte[] image)
    {
        try
        {
            using var ms = new MemoryStream(image, writable: false);
            using var x = XImage.FromStream(ms);
            return x.PixelWidth > 0 && x.PixelHeight > 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static XFont Font(double size, bool bold = false) => new(GeneratedPdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private sealed class Drawing(XGraphics g, double pageWidth, double pageHeight)
    {
        private readonly double _right = pageWidth - RightMargin;
        private readonly XPen _thin = new(XColors.Black, 0.6);

        public void Draw(CoverLetterContent c)
        {
            var y = Kop(c.Kop);
            y = Addressee(c.Addressee, y + 14);
            y = Title(c.Number, y + 18);
            y = Table(c.Items, y + 14) + 26;
            var senderBottom = Sender(c, y);
            var receiptBottom = Receipt(y);
            y = Math.Max(senderBottom, receiptBottom) + 22;
            CarbonCopies(c.CarbonCopies, y);
            if (c.Electronic is { } e) Footer(e);
        }

        /// <summary>Emblem on the left, the kop lines centred in the rest of the width, then the double rule.</summary>
        private double Kop(LetterKop kop)
        {
            var y = Top;
            double textLeft = Left, emblemBottom = y;
            if (kop.Emblem is { Length: > 0 } bytes)
            {
                using var ms = new MemoryStream(bytes, writable: false);
                using var image = XImage.FromStream(ms);
                const double boxW = 58, boxH = 70;
                var scale = Math.Min(boxW / image.PixelWidth, boxH / image.PixelHeight);
                double w = image.PixelWidth * scale, h = image.PixelHeight * scale;
                g.DrawImage(image, Left + (boxW - w) / 2, y + (boxH - h) / 2, w, h);
                emblemBottom = y + boxH;
                textLeft = Left + boxW + 8;
            }
            var lines = kop.Lines.ToList();
            var contact = string.Join("   ", new[] { Prefixed("Telepon", kop.Telephone), Prefixed("Laman", kop.Website) }.Where(s => s.Length > 0));
            for (var i = 0; i < lines.Count; i++)
            {
                var size = i == 1 ? 16 : i == 0 ? 13 : 9.5;
                y += Centred(lines[i], Font(size, bold: i < 2), textLeft, _right, y);
            }
            if (contact.Length > 0) y += Centred(contact, Font(9.5), textLeft, _right, y);
            y = Math.Max(y, emblemBottom) + 5;
            g.DrawLine(new XPen(XColors.Black, 2.2), Left, y, _right, y);
            g.DrawLine(new XPen(XColors.Black, 0.6), Left, y + 3.2, _right, y + 3.2);
            return y + 4;
        }

        private static string Prefixed(string label, string value) => string.IsNullOrWhiteSpace(value) ? "" : $"{label} {value.Trim()}";

        /// <summary>"Kepada Yth." and the addressee on the right half, then "di TEMPAT".</summary>
        private double Addressee(IReadOnlyList<string> addressee, double y)
        {
            var x = _right - 230;
            var body = Font(11);
            g.DrawString("Kepada", body, XBrushes.Black, x, y, XStringFormats.TopLeft);
            y += 15;
            g.DrawString("Yth.", body, XBrushes.Black, x, y, XStringFormats.TopLeft);
            foreach (var line in addressee)
                y += Wrapped(line, body, x + 26, y, _right - x - 26);
            if (addressee.Count == 0) y += 15;
            g.DrawString("di", body, XBrushes.Black, x + 26, y, XStringFormats.TopLeft);
            y += 15;
            g.DrawString("TEMPAT", Font(11, bold: true), XBrushes.Black, x + 40, y, XStringFormats.TopLeft);
            return y + 15;
        }

        /// <summary>The centred, underlined title and, under it, the number: the only place the number is printed.</summary>
        private double Title(string number, double y)
        {
            var title = Font(13, bold: true);
            const string text = "SURAT PENGANTAR";
            var mid = (Left + _right) / 2;
            g.DrawString(text, title, XBrushes.Black, new XRect(Left, y, _right - Left, 16), XStringFormats.TopCenter);
            var tw = g.MeasureString(text, title).Width;
            g.DrawLine(new XPen(XColors.Black, 0.8), mid - tw / 2, y + 16.5, mid + tw / 2, y + 16.5);
            y += 20;
            g.DrawString($"Nomor: {number}", Font(11), XBrushes.Black, new XRect(Left, y, _right - Left, 14), XStringFormats.TopCenter);
            return y + 14;
        }

        private double Table(IReadOnlyList<CoverLetterItem> items, double y)
        {
            var total = _right - Left;
            double[] widths = [30, total - 30 - 78 - 140, 78, 140];
            string[] heads = ["No", "Naskah Dinas yang Dikirimkan", "Banyaknya", "Keterangan"];
            var head = Font(10, bold: true);
            var cell = Font(10);
            var rowH = 30.0;
            var x = Left;
            for (var i = 0; i < 4; i++)
            {
                g.DrawRectangle(_thin, x, y, widths[i], rowH);
                var tf = new XTextFormatter(g) { Alignment = XParagraphAlignment.Center };
                var lines = LinesFor(heads[i], head, widths[i] - 6);
                tf.DrawString(heads[i], head, XBrushes.Black, new XRect(x + 3, y + (rowH - lines * 12.5) / 2, widths[i] - 6, rowH - 4), XStringFormats.TopLeft);
                x += widths[i];
            }
            y += rowH;
            foreach (var item in items)
            {
                string[] texts = [item.No.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Document, item.Quantity, item.Note];
                var h = Math.Max(24, texts.Select((t, i) => LinesFor(t, cell, widths[i] - 8) * 13 + 10).Max());
                x = Left;
                for (var i = 0; i < 4; i++)
                {
                    g.DrawRectangle(_thin, x, y, widths[i], h);
                    var tf = new XTextFormatter(g) { Alignment = i is 0 or 2 ? XParagraphAlignment.Center : XParagraphAlignment.Left };
                    tf.DrawString(texts[i], cell, XBrushes.Black, new XRect(x + 4, y + 5, widths[i] - 8, h - 6), XStringFormats.TopLeft);
                    x += widths[i];
                }
                y += h;
            }
            return y;
        }

        /// <summary>Place and date, jabatan, the signature space (QR when signed electronically), name, NIP and the mandate.</summary>
        private double Sender(CoverLetterContent c, double y)
        {
            var x = _right - 215;
            var width = _right - x;
            var body = Font(10.5);
            y += Wrapped($"{c.Place}, {IndonesianText.Date(c.Date)}", body, x, y, width) + 4;
            foreach (var line in c.Sender.TitleLines())
                y += Wrapped(line + (line == c.Sender.TitleLines()[^1] ? "," : ""), Font(10.5, bold: true), x, y, width);
            y += 4;
            const double space = 70;
            if (c.Electronic is { } e)
            {
                const double side = 62;
                Qr(e.VerificationUrl.AbsoluteUri, x, y + (space - side) / 2, side);
                var note = Font(7.5);
                var ny = y + 12;
                foreach (var line in new[] { "Ditandatangani secara", "elektronik; pindai kode QR", "untuk memeriksa keaslian" })
                {
                    g.DrawString(line, note, XBrushes.DimGray, x + side + 6, ny, XStringFormats.TopLeft);
                    ny += 10;
                }
            }
            y += space;
            var nameFont = Font(10.5, bold: true);
            g.DrawString(c.Sender.Name, nameFont, XBrushes.Black, x, y, XStringFormats.TopLeft);
            var nw = Math.Min(g.MeasureString(c.Sender.Name, nameFont).Width, width);
            g.DrawLine(_thin, x, y + 13.5, x + nw, y + 13.5);
            y += 15;
            if (!string.IsNullOrEmpty(c.Sender.Nip))
            {
                g.DrawString("NIP. " + IndonesianText.Nip(c.Sender.Nip), body, XBrushes.Black, x, y, XStringFormats.TopLeft);
                y += 14;
            }
            if (c.Sender.MandateLine() is { } mandate)
                y += Wrapped(mandate, Font(8), x, y + 2, width) + 2;
            return y;
        }

        /// <summary>The tanda terima block the recipient fills in: date received, who received it (jabatan, name, NIP) and signature.</summary>
        private double Receipt(double y)
        {
            var x = Left;
            var small = Font(9.5);
            const double w = 205;
            var top = y;
            y += 6;
            string[] before = ["Diterima tanggal : ......................", "Penerima,", "Jabatan : ...................................."];
            foreach (var line in before)
            {
                g.DrawString(line, small, XBrushes.Black, x + 6, y, XStringFormats.TopLeft);
                y += 14;
            }
            g.DrawString("Tanda tangan :", small, XBrushes.Black, x + 6, y + 14, XStringFormats.TopLeft);
            y += 44;
            foreach (var line in new[] { "Nama : ........................................", "NIP   : ........................................" })
            {
                g.DrawString(line, small, XBrushes.Black, x + 6, y, XStringFormats.TopLeft);
                y += 14;
            }
            y += 4;
            g.DrawRectangle(_thin, x, top, w, y - top);
            return y;
        }

        private void CarbonCopies(IReadOnlyList<string> copies, double y)
        {
            if (copies.Count == 0) return;
            var body = Font(10);
            g.DrawString("Tembusan:", body, XBrushes.Black, Left, y, XStringFormats.TopLeft);
            y += 14;
            for (var i = 0; i < copies.Count; i++)
            {
                var line = copies[i].StartsWith("Yth", StringComparison.OrdinalIgnoreCase) ? copies[i] : "Yth. " + copies[i];
                g.DrawString($"{i + 1}.", body, XBrushes.Black, Left, y, XStringFormats.TopLeft);
                y += Wrapped(line, body, Left + 14, y, _right - Left - 14);
            }
        }

        /// <summary>The footer across the page bottom: the certificate's issuer and where to verify.</summary>
        private void Footer(ElectronicSignatureMark e)
        {
            var font = Font(7.5);
            var lines = Wrap(e.Footer + ".", font, _right - Left);
            lines.Add("Keaslian surat ini dapat diperiksa pada " + e.VerificationUrl.AbsoluteUri);
            var y = pageHeight - Bottom - lines.Count * 10;
            g.DrawLine(new XPen(XColors.Gray, 0.5), Left, y - 4, _right, y - 4);
            foreach (var line in lines)
            {
                g.DrawString(line, font, XBrushes.DimGray, new XRect(Left, y, _right - Left, 10), XStringFormats.TopCenter);
                y += 10;
            }
        }

        /// <summary>The QR code as vector squares (sharp at any zoom, no image): one rectangle per run of dark modules in a row.</summary>
        private void Qr(string text, double x, double y, double side)
        {
            using var gen = new QRCodeGenerator();
            using var data = gen.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
            var matrix = data.ModuleMatrix;
            var n = matrix.Count;
            var m = side / n;
            for (var row = 0; row < n; row++)
            {
                var bits = matrix[row];
                for (var col = 0; col < n;)
                {
                    if (!bits[col]) { col++; continue; }
                    var start = col;
                    while (col < n && bits[col]) col++;
                    g.DrawRectangle(XBrushes.Black, x + start * m, y + row * m, (col - start) * m + 0.05, m + 0.05);
                }
            }
        }

        private double Centred(string text, XFont font, double left, double right, double y)
        {
            var lines = Wrap(text, font, right - left);
            foreach (var line in lines)
            {
                g.DrawString(line, font, XBrushes.Black, new XRect(left, y, right - left, font.Size * 1.3), XStringFormats.TopCenter);
                y += font.Size * 1.3;
            }
            return lines.Count * font.Size * 1.3;
        }

        /// <summary>Draws text wrapped at word boundaries in a column; returns the height used.</summary>
        private double Wrapped(string text, XFont font, double x, double y, double width)
        {
            var lines = Wrap(text, font, width);
            var lineH = font.Size * 1.3;
            foreach (var line in lines)
            {
                g.DrawString(line, font, XBrushes.Black, x, y, XStringFormats.TopLeft);
                y += lineH;
            }
            return lines.Count * lineH;
        }

        private int LinesFor(string text, XFont font, double width) => Wrap(text, font, width).Count;

        private List<string> Wrap(string text, XFont font, double width)
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
}
