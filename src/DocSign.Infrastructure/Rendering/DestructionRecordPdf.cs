using DocSign.Core.Text;
using System.Globalization;
using DocSign.Core.Archive;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DocSign.Infrastructure.Rendering;

/// <summary>
/// The berita acara pemusnahan arsip as an A4 PDF: the office, the date, who approved, the basis, and a table of the
/// destroyed objects (archive key, SHA-256, size, retention class, end of retention). Sealed afterwards by the letter signer.
/// </summary>
public sealed class DestructionRecordPdf : IDestructionRecordRenderer
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    public byte[] Render(DestructionRecordContent content)
    {
        GeneratedPdfFonts.Ensure();
        using var doc = new PdfDocument();
        doc.Info.Title = $"Berita Acara Pemusnahan Arsip {content.OfficeName}";
        doc.Info.Creator = "DocSign";
        doc.Options.CompressContentStreams = false;
        doc.Options.NoCompression = true;
        var page = doc.AddPage();
        page.Width = XUnit.FromPoint(595);
        page.Height = XUnit.FromPoint(842);
        using (var g = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(GeneratedPdfFonts.Family, 13, XFontStyleEx.Bold);
            var font = new XFont(GeneratedPdfFonts.Family, 10);
            var small = new XFont(GeneratedPdfFonts.Family, 7.5);
            var bold = new XFont(GeneratedPdfFonts.Family, 8, XFontStyleEx.Bold);
            var y = 60.0;
            g.DrawString("BERITA ACARA PEMUSNAHAN ARSIP", title, XBrushes.Black, new XRect(0, y, 595, 16), XStringFormats.TopCenter);
            y += 20;
            g.DrawString(content.OfficeName.ToUpperInvariant(), font, XBrushes.Black, new XRect(0, y, 595, 14), XStringFormats.TopCenter);
            y += 36;
            foreach (var line in Wrap(g, $"Pada tanggal {IndonesianText.Date(content.Date)} telah dimusnahkan arsip berikut, yang masa retensinya " +
                         "menurut Jadwal Retensi Arsip telah berakhir dengan keterangan akhir Musnah, atas persetujuan Camat " +
                         $"({content.ApprovedBy}). Dasar pemusnahan: {content.Reason}", font, 483))
            {
                g.DrawString(line, font, XBrushes.Black, 56, y, XStringFormats.TopLeft);
                y += 14;
            }
            y += 12;
            (string Head, double Width)[] columns = [("No", 24), ("Kunci arsip / SHA-256", 250), ("Ukuran", 50), ("Kelas retensi", 120), ("Retensi s.d.", 56)];
            var x = 44.0;
            foreach (var (head, width) in columns)
            {
                g.DrawRectangle(new XPen(XColors.Black, 0.5), x, y, width, 16);
                g.DrawString(head, bold, XBrushes.Black, x + 2, y + 4, XStringFormats.TopLeft);
                x += width;
            }
            y += 16;
            foreach (var item in content.Items)
            {
                string[] cells = [item.No.ToString(CultureInfo.InvariantCulture), item.Key, item.Size.ToString("N0", Id) + " B", item.RetentionClass, item.Due.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)];
                var lines = cells.Select((c, i) => Wrap(g, c, small, columns[i].Width - 4)).ToList();
                lines[1].Add(item.Sha256[..32]);
                lines[1].Add(item.Sha256[32..]);
                var height = lines.Max(l => l.Count) * 10 + 6;
                x = 44.0;
                for (var i = 0; i < columns.Length; i++)
                {
                    g.DrawRectangle(new XPen(XColors.Black, 0.5), x, y, columns[i].Width, height);
                    for (var k = 0; k < lines[i].Count; k++) g.DrawString(lines[i][k], small, XBrushes.Black, x + 2, y + 3 + k * 10, XStringFormats.TopLeft);
                    x += columns[i].Width;
                }
                y += height;
            }
            y += 30;
            g.DrawString($"{content.Place}, {IndonesianText.Date(content.Date)}", font, XBrushes.Black, 330, y, XStringFormats.TopLeft);
            y += 14;
            g.DrawString("Disetujui oleh Camat; disegel secara elektronik oleh DocSign.", small, XBrushes.Black, 330, y, XStringFormats.TopLeft);
        }
        ArchivalPdf.Prepare(doc);
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return ArchivalPdf.Finish(doc, ms.ToArray());
    }

    private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (g.MeasureString(candidate, font).Width <= width) { line = candidate; continue; }
            if (line.Length > 0) lines.Add(line);
            line = word;
            // A word longer than the column (an archive key) is cut where it no longer fits.
            while (g.MeasureString(line, font).Width > width && line.Length > 1)
            {
                var cut = line.Length - 1;
                while (cut > 1 && g.MeasureString(line[..cut], font).Width > width) cut--;
                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }
}
