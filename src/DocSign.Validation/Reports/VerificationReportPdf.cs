using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace DocSign.Validation.Reports;

/// <summary>
/// The auditor's report as a PDF (Bahasa Indonesia), drawn with PDFsharp. PDFsharp only draws this report; it
/// never reads the verified input. Fonts come embedded in the PDFsharp package (Segoe WP), so the output does not
/// depend on the fonts installed on the machine.
/// </summary>
public static class VerificationReportPdf
{
    private const string Family = EmbeddedPdfFonts.Family;

    /// <summary>Writes the report as a PDF to <paramref name="output"/>.</summary>
    /// <param name="time">The zone the times are written in (UTC when not given).</param>
    public static void Write(Stream output, VerificationReport report, ReportTime? time = null)
    {
        time ??= ReportTime.Utc;
        EmbeddedPdfFonts.Ensure();
        using var doc = new PdfDocument();
        doc.Info.Title = "Laporan Verifikasi Tanda Tangan Elektronik";
        doc.Info.Creator = "DocSign";
        // PDFsharp's Flate output draws qpdf warnings ("input stream is complete but output may still be valid"); the report is small, so it is left uncompressed.
        doc.Options.CompressContentStreams = false;
        doc.Options.NoCompression = true;
        var writer = new PageWriter(doc);
        writer.Heading("Laporan Verifikasi Tanda Tangan Elektronik", 16);
        writer.Line($"Hasil: {ReportWords.Verdict(report.Verdict)} ({VerificationReportJson.Name(report.Verdict)})", 13, bold: true);
        foreach (var m in report.Messages) writer.Line(m);
        writer.Gap();
        writer.Heading("Berkas yang diperiksa", 12);
        writer.Pair("Nama berkas", report.FileName ?? "—");
        writer.Pair("SHA-256", report.FileSha256 ?? "—");
        writer.Pair("Ukuran", $"{report.FileSize} byte");
        writer.Pair("Jumlah revisi", report.RevisionCount.ToString());
        writer.Pair("Waktu verifikasi", time.Format(report.ValidationTime));
        int i = 0;
        foreach (var s in report.AllEntries)
        {
            i++;
            writer.Gap();
            writer.Heading($"{i}. {(s.Kind == SignatureKind.Signature ? "Tanda tangan" : "Stempel waktu dokumen")}: {s.Field}", 12);
            writer.Pair("Indikasi", VerificationReportJson.Name(s.Indication) + (s.SubIndication == SubIndication.None ? "" : " / " + VerificationReportJson.Name(s.SubIndication)) + " — " + ReportWords.Indication(s.Indication));
            if (s.Level is { } l) writer.Pair("Level PAdES", VerificationReportJson.Name(l));
            if (s.Signer is { } who)
            {
                writer.Pair(s.Kind == SignatureKind.Signature ? "Penanda tangan" : "TSA", who.Name ?? "—");
                if (who.Nip is not null) writer.Pair("NIP", DocSign.Signing.SignerIdentity.FormatNip(who.Nip));
                writer.Pair("Penerbit sertifikat", who.Issuer ?? "—");
                writer.Pair("Nomor seri", who.SerialNumber ?? "—");
            }
            writer.Pair("Rantai ke jangkar", s.ChainTrusted ? "ya" : "tidak");
            writer.Pair("Waktu (/M)", s.ClaimedSigningTime is { } c ? time.Format(c) : "—");
            writer.Pair("Waktu stempel", s.TimestampTime is { } t ? time.Format(t) : "—");
            writer.Pair("Cakupan", ReportWords.Coverage(s.Coverage));
            writer.Pair("Perubahan sesudahnya", ReportWords.Modification(s.ModificationsAfter) + (s.DisallowedModification ? " — TIDAK DIIZINKAN" : ""));
            foreach (var m in s.Messages) writer.Line("• " + m, 9);
        }
        writer.Gap();
        writer.Line("Dibuat oleh DocSign. Indikasi mengikuti ETSI EN 319 102-1; level mengikuti ETSI EN 319 142-1 (PAdES).", 8);
        doc.Save(output, false);
    }

    /// <summary>Flows lines down A4 pages, starting a new page when one is full.</summary>
    private sealed class PageWriter
    {
        private readonly PdfDocument _doc;
        private XGraphics? _g;
        private double _y;
        private const double Left = 50, Width = 495, Top = 50, Bottom = 800;

        public PageWriter(PdfDocument doc) { _doc = doc; NewPage(); }

        private void NewPage()
        {
            _g?.Dispose();
            var page = _doc.AddPage();
            page.Width = XUnit.FromPoint(595);
            page.Height = XUnit.FromPoint(842);
            _g = XGraphics.FromPdfPage(page);
            _y = Top;
        }

        public void Heading(string text, double size) => Line(text, size, bold: true);

        public void Gap() => _y += 8;

        public void Pair(string key, string value) => Line(key + ": " + value, 10);

        public void Line(string text, double size = 10, bool bold = false)
        {
            var font = new XFont(Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            var tf = new XTextFormatter(_g!);
            // Rough height estimate, then draw in a box of that height.
            double lineH = size * 1.3;
            var approxCharsPerLine = Math.Max(20, (int)(Width / (size * 0.5)));
            int lines = Math.Max(1, (int)Math.Ceiling(text.Length / (double)approxCharsPerLine) + text.Count(ch => ch == '\n'));
            double h = lines * lineH + 2;
            if (_y + h > Bottom) NewPage();
            tf.DrawString(text, font, XBrushes.Black, new XRect(Left, _y, Width, h), XStringFormats.TopLeft);
            _y += h;
        }
    }
}
