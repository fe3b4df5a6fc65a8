using DocSign.Core.Intake;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DocSign.Infrastructure.Rendering;

/// <summary>
/// The manifest sheet of a hand-off package (A4 portrait): the document, each file with its size and SHA-256, and the
/// SHA-256 of manifest.json, printed and in the PDF's Keywords (<see cref="DownloadHandOffHandler.KeywordPrefix"/>),
/// so that the office's e-seal over this sheet vouches for manifest.json and, through its hashes, for every file.
/// </summary>
public sealed class HandOffSheetPdf : IHandOffSheetRenderer
{
    public byte[] Render(HandOffSheet sheet)
    {
        GeneratedPdfFonts.Ensure();
        using var doc = new PdfDocument();
        doc.Info.Title = $"Manifes paket serah terima — {sheet.Title}";
        doc.Info.Subject = $"Dokumen {sheet.DocumentId}";
        doc.Info.Keywords = DownloadHandOffHandler.KeywordPrefix + sheet.ManifestSha256;
        doc.Info.Creator = "DocSign";
        doc.Options.CompressContentStreams = false;
        doc.Options.NoCompression = true;
        var title = new XFont(GeneratedPdfFonts.Family, 13, XFontStyleEx.Bold);
        var font = new XFont(GeneratedPdfFonts.Family, 9);
        var bold = new XFont(GeneratedPdfFonts.Family, 9, XFontStyleEx.Bold);
        var small = new XFont(GeneratedPdfFonts.Family, 6.5);
        XGraphics? g = null;
        double y = 0;
        void NewPage()
        {
            g?.Dispose();
            var page = doc.AddPage();
            page.Width = XUnit.FromPoint(595);
            page.Height = XUnit.FromPoint(842);
            g = XGraphics.FromPdfPage(page);
            y = 48;
        }
        void Line(string text, XFont f, double gap = 13)
        {
            if (y > 790) NewPage();
            while (text.Length > 1 && g!.MeasureString(text, f).Width > 500) text = text[..^2] + "…";
            g!.DrawString(text, f, XBrushes.Black, 48, y, XStringFormats.TopLeft);
            y += gap;
        }

        NewPage();
        Line("MANIFES PAKET SERAH TERIMA", title, 20);
        Line($"Dokumen: {sheet.Title}", font);
        Line($"Kantor: Kecamatan {Capitalised(sheet.Office)}   Tahun: {sheet.Year}", font);
        Line($"ID dokumen: {sheet.DocumentId}", font);
        Line($"Dibuat: {sheet.CreatedAt} oleh {sheet.CreatedBy}", font, 20);
        Line("SHA-256 manifest.json:", bold);
        Line(sheet.ManifestSha256, font, 20);
        Line("Berkas dalam paket (nama, ukuran, SHA-256):", bold, 16);
        var no = 0;
        foreach (var file in sheet.Files)
        {
            Line($"{++no}. {file.Name} — {file.Description} ({file.Size:N0} bait, {file.MediaType})", font, 11);
            Line("    " + file.Sha256, small, 14);
        }
        y += 8;
        Line("Lembar ini disegel secara elektronik dengan segel kantor. Segel yang sah menjamin manifest.json", font, 11);
        Line("(lewat SHA-256 di atas) dan setiap berkas yang didaftarkan di dalamnya.", font, 11);
        g?.Dispose();
        ArchivalPdf.Prepare(doc);
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return ArchivalPdf.Finish(doc, ms.ToArray());
    }

    private static string Capitalised(string office) => office.Length == 0 ? office : char.ToUpperInvariant(office[0]) + office[1..];
}
