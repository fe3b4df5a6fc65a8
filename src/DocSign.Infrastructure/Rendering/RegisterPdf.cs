using System.Globalization;
using DocSign.Core.Letters;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DocSign.Infrastructure.Rendering;

/// <summary>The buku agenda surat keluar as a landscape A4 PDF table (export from the Surat keluar screen and API).</summary>
public sealed class RegisterPdf : IRegisterRenderer
{
    public byte[] RenderPdf(string officeName, string? year, string? status, IReadOnlyList<Letter> letters) => Render(officeName, year, status, letters);

    private static readonly (string Head, double Width)[] Columns =
    [
        ("No", 38), ("Nomor Surat", 150), ("Tanggal", 62), ("Perihal", 220), ("Tujuan", 150), ("Status", 60), ("Keterangan", 100),
    ];

    public static byte[] Render(string officeName, string? year, string? status, IReadOnlyList<Letter> letters)
    {
        GeneratedPdfFonts.Ensure();
        using var doc = new PdfDocument();
        doc.Info.Title = $"Buku Agenda Surat Keluar {officeName}";
        doc.Info.Creator = "DocSign";
        doc.Options.CompressContentStreams = false;
        doc.Options.NoCompression = true;
        var font = new XFont(GeneratedPdfFonts.Family, 8);
        var bold = new XFont(GeneratedPdfFonts.Family, 8, XFontStyleEx.Bold);
        XGraphics? g = null;
        double y = 0;
        var pageNo = 0;
        void NewPage()
        {
            g?.Dispose();
            var page = doc.AddPage();
            page.Width = XUnit.FromPoint(842);
            page.Height = XUnit.FromPoint(595);
            g = XGraphics.FromPdfPage(page);
            pageNo++;
            y = 36;
            g.DrawString($"BUKU AGENDA SURAT KELUAR — {officeName.ToUpperInvariant()}", new XFont(GeneratedPdfFonts.Family, 12, XFontStyleEx.Bold), XBrushes.Black, 36, y, XStringFormats.TopLeft);
            y += 16;
            g.DrawString($"Tahun: {year ?? "semua"}   Status: {status ?? "semua"}   Halaman {pageNo}", font, XBrushes.Black, 36, y, XStringFormats.TopLeft);
            y += 16;
            Row(Columns.Select(c => c.Head).ToArray(), bold);
        }
        void Row(string[] cells, XFont f)
        {
            var x = 36.0;
            for (var i = 0; i < cells.Length; i++)
            {
                g!.DrawRectangle(new XPen(XColors.Black, 0.4), x, y, Columns[i].Width, 14);
                var text = cells[i];
                while (text.Length > 1 && g.MeasureString(text, f).Width > Columns[i].Width - 4) text = text[..^2] + "…";
                g.DrawString(text, f, XBrushes.Black, x + 2, y + 3, XStringFormats.TopLeft);
                x += Columns[i].Width;
            }
            y += 14;
        }
        NewPage();
        foreach (var l in letters.OrderBy(l => l.Year).ThenBy(l => l.Sequence).ThenBy(l => l.Insert))
        {
            if (y > 560) NewPage();
            var note = l.Status == LetterStatus.Void ? "Batal: " + l.VoidReason : l.Insert > 0 ? "Sisipan: " + l.InsertReason : l.Recipient is null ? "" : "Ke " + l.Recipient + " (" + l.Channel?.Label() + ")";
            Row([
                l.Sequence.ToString(CultureInfo.InvariantCulture) + (l.Insert > 0 ? "." + l.Insert.ToString(CultureInfo.InvariantCulture) : ""),
                l.Number, l.LetterDate.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture), l.Subject, l.Addressee, l.Status.Label(), note,
            ], font);
        }
        g?.Dispose();
        ArchivalPdf.Prepare(doc);
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return ArchivalPdf.Finish(doc, ms.ToArray());
    }
}
