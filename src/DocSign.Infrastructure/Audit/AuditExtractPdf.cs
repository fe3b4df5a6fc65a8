using DocSign.Infrastructure.Rendering;
using System.Globalization;
using DocSign.Signing;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DocSign.Infrastructure.Audit;

/// <summary>
/// An office's audit trail as a PDF extract (drawn by DocSign with PDFsharp) signed with the office's e-seal
/// (PAdES B-B through DocSign's signing engine), so that an auditor can file it and anyone can check that it came
/// from DocSign unaltered.
/// </summary>
public sealed class AuditExtractPdf(IOptions<AuditSealOptions> seals, TimeProvider clock)
{
    private const int RowsPerPage = 38;

    /// <summary>Whether <paramref name="office"/> has an e-seal configured.</summary>
    public bool HasSeal(string office) => SealPath(office) is { } p && File.Exists(p);

    /// <summary>Writes the signed extract to <paramref name="output"/> (seekable, readable, writable).</summary>
    /// <param name="time">The office's zone: every time on the extract is written in it (WIB when not given).</param>
    public async Task WriteAsync(string office, IReadOnlyList<AuditEntry> entries, DateTimeOffset? from, DateTimeOffset? to, Stream output,
        CancellationToken cancellationToken, Core.Calendar.OfficeTime? time = null)
    {
        var drawn = new MemoryStream();
        Draw(office, entries, from, to, drawn, time ?? Core.Calendar.OfficeTime.Wib);
        drawn.Position = 0;
        using var token = Pkcs12SigningToken.Open(SealPath(office)!, seals.Value.Passphrase ?? "");
        var parameters = new SigningParameters
        {
            Level = PadesLevel.BB,
            Reason = "Ekstrak jejak audit DocSign",
            Location = office,
            SigningTime = clock.GetUtcNow(),
        };
        await new PadesSigner(clock).SignAsync(drawn, output, parameters, token, cancellationToken);
    }

    private string? SealPath(string office) =>
        string.IsNullOrWhiteSpace(seals.Value.Directory) || office.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            ? null : Path.Combine(seals.Value.Directory, $"seal-{office}.p12");

    private void Draw(string office, IReadOnlyList<AuditEntry> entries, DateTimeOffset? from, DateTimeOffset? to, Stream output, Core.Calendar.OfficeTime time)
    {
        GeneratedPdfFonts.Ensure();
        using var doc = new PdfDocument();
        doc.Info.Title = $"Ekstrak Jejak Audit {office}";
        doc.Info.Creator = "DocSign";
        doc.Options.NoCompression = true;
        doc.Options.CompressContentStreams = false;
        var title = new XFont(GeneratedPdfFonts.Family, 13, XFontStyleEx.Bold);
        var small = new XFont(GeneratedPdfFonts.Family, 7);
        var pages = Math.Max(1, (entries.Count + RowsPerPage - 1) / RowsPerPage);
        for (var p = 0; p < pages; p++)
        {
            var page = doc.AddPage();
            page.Orientation = PdfSharp.PageOrientation.Landscape;
            using var g = XGraphics.FromPdfPage(page);
            double y = 40;
            g.DrawString($"Ekstrak Jejak Audit — Kantor {office}", title, XBrushes.Black, 40, y);
            y += 16;
            g.DrawString($"Rentang: {Day(from)} s.d. {Day(to)}; dibuat {time.Cell(clock.GetUtcNow())}; {entries.Count} peristiwa; halaman {p + 1}/{pages}",
                small, XBrushes.Black, 40, y);
            y += 14;
            g.DrawString($"No | Waktu ({time.Label}) | Tindakan | Hasil | Oleh | Dari | Dokumen / versi | SHA-256 | Hash rantai", small, XBrushes.Black, 40, y);
            y += 11;
            foreach (var e in entries.Skip(p * RowsPerPage).Take(RowsPerPage))
            {
                var line = string.Join(" | ", e.Sequence.ToString(CultureInfo.InvariantCulture), time.Local(e.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    e.Action, e.Outcome, e.ActorName ?? "—", e.ClientAddress ?? "—",
                    e.DocumentId is { } d ? $"{d:N}/v{e.VersionNumber}" : "—", e.Sha256?[..16] ?? "—", e.Hash[..16]);
                g.DrawString(line, small, XBrushes.Black, 40, y);
                y += 12;
            }
        }
        doc.Save(output, closeStream: false);
    }

    private static string Day(DateTimeOffset? t) => t is { } v && v != DateTimeOffset.MinValue && v != DateTimeOffset.MaxValue ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";
}
