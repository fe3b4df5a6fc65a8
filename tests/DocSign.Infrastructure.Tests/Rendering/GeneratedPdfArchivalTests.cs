using System.Text;
using System.Text.Json;
using DocSign.Core.Letters;
using DocSign.Infrastructure.Rendering;
using DocSign.Testing.Oracles;

namespace DocSign.Infrastructure.Tests.Rendering;

/// <summary>
/// The letters DocSign draws go into the archive for years, so they are drawn as PDF/A-2b: every font embedded, an
/// sRGB output intent, XMP metadata that names the conformance and agrees with the document information, a file
/// identifier, and nothing PDF/A forbids (encryption, JavaScript, external content). No PDF/A validator is installable
/// here, so the test reads the structure with qpdf's JSON view and pdffonts, independent of PDFsharp and of DocSign's
/// own reader.
/// </summary>
public sealed class GeneratedPdfArchivalTests
{
    private static CoverLetterContent Letter() => new(
        PaperSize.A4,
        new LetterKop(["PEMERINTAH KABUPATEN CONTOH", "KECAMATAN KANIGARAN", "Jalan Contoh No. 1"], "(0335) 000000", "kanigaran.contoh.go.id", null),
        "Kanigaran", new DateOnly(2026, 1, 15), "000.8.6.3/17/427.83/2026", ["Kepala Bagian Organisasi", "Sekretariat Daerah"],
        [new CoverLetterItem(1, "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2025", "1 (satu) berkas", "Disampaikan dengan hormat")],
        new LetterSender(LetterSenderKind.Definitif, "Camat Kanigaran", "Camat Kanigaran", "Hendra Wijaya Kusuma", "197403152001121003"),
        ["Wali Kota Contoh"], null);

    public static TheoryData<string> Drawings => ["surat pengantar", "surat pengantar with markup characters", "register"];

    private static byte[] Draw(string which) => which switch
    {
        "surat pengantar" => new CoverLetterPdf().Render(Letter()),
        "surat pengantar with markup characters" => new CoverLetterPdf().Render(Letter() with
        {
            Items = [new CoverLetterItem(1, "Penyampaian LKjIP & Lampiran <Data \"Kinerja\"> Tahun 2025 — Perbaikan ke-2 atas Catatan Reviu Inspektorat Kabupaten", "1 (satu) berkas", "")],
            Number = "000.8.6.3/17.1/427.83/XII/2026",
        }),
        "register" => RegisterDrawing(),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    private static byte[] RegisterDrawing() => RegisterPdf.Render("Kecamatan Kanigaran", "2026", null, []);

    [Theory]
    [MemberData(nameof(Drawings))]
    public void Generated_pdfs_carry_the_pdfa_2b_identification_and_an_srgb_output_intent(string which)
    {
        var pdf = Draw(which);
        var json = QpdfJson(pdf);
        var objects = json.GetProperty("qpdf")[1];
        var trailer = objects.GetProperty("trailer").GetProperty("value");
        trailer.TryGetProperty("/ID", out _).ShouldBeTrue("PDF/A needs a file identifier in the trailer");
        trailer.TryGetProperty("/Encrypt", out _).ShouldBeFalse();

        var catalog = Resolve(objects, trailer.GetProperty("/Root"));
        catalog.TryGetProperty("/OpenAction", out _).ShouldBeFalse("no actions in an archival letter");
        catalog.TryGetProperty("/AA", out _).ShouldBeFalse();
        catalog.TryGetProperty("/Names", out var names).ShouldBe(false, names.ToString());

        var intents = Resolve(objects, catalog.GetProperty("/OutputIntents"));
        intents.GetArrayLength().ShouldBe(1);
        var intent = Resolve(objects, intents[0]);
        intent.GetProperty("/S").GetString().ShouldBe("/GTS_PDFA1");
        var profileRef = intent.GetProperty("/DestOutputProfile").GetString()!;
        var profile = objects.GetProperty("obj:" + profileRef).GetProperty("stream").GetProperty("dict");
        profile.GetProperty("/N").GetInt32().ShouldBe(3, "an RGB (sRGB) profile");

        var metadataRef = catalog.GetProperty("/Metadata").GetString()!;
        var xmp = Encoding.UTF8.GetString(Convert.FromBase64String(
            objects.GetProperty("obj:" + metadataRef).GetProperty("stream").GetProperty("data").GetString()!));
        Should.NotThrow(() => System.Xml.Linq.XDocument.Parse(xmp), "the XMP packet must be well-formed XML");
        XmpValue(xmp, "pdfaid:part").ShouldBe("2");
        XmpValue(xmp, "pdfaid:conformance").ShouldBe("B");
        var metadataDict = objects.GetProperty("obj:" + metadataRef).GetProperty("stream").GetProperty("dict");
        metadataDict.TryGetProperty("/Filter", out _).ShouldBeFalse("PDF/A keeps the XMP packet unfiltered so archives can read it");

        // PDF/A: what the information dictionary says, the XMP packet must say the same.
        var info = Resolve(objects, trailer.GetProperty("/Info"));
        Text(info.GetProperty("/Producer")).ShouldBe(XmpValue(xmp, "pdf:Producer"));
        Text(info.GetProperty("/Creator")).ShouldBe(XmpValue(xmp, "xmp:CreatorTool"));
        xmp.ShouldContain($">{System.Security.SecurityElement.Escape(Text(info.GetProperty("/Title")))}</rdf:li>");
        var created = PdfDate(Text(info.GetProperty("/CreationDate")));
        DateTimeOffset.Parse(XmpValue(xmp, "xmp:CreateDate"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(created);
        DateTimeOffset.Parse(XmpValue(xmp, "xmp:ModifyDate"), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(PdfDate(Text(info.GetProperty("/ModDate"))));
    }

    [Theory]
    [MemberData(nameof(Drawings))]
    public void Every_font_of_a_generated_pdf_is_embedded(string which)
    {
        var path = Path.Combine(Path.GetTempPath(), $"docsign-pdfa-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, Draw(which));
        try
        {
            var fonts = ExternalTool.Run("pdffonts", [path]);
            fonts.ExitCode.ShouldBe(0, fonts.StdErr);
            var rows = fonts.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
            rows.ShouldNotBeEmpty();
            // Columns: name type encoding emb sub uni object ID; "emb" is the fourth from the right.
            foreach (var row in rows)
            {
                var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                cells[^5].ShouldBe("yes", $"font not embedded: {row}");
            }
            Qpdf.IsClean(Qpdf.Check(path)).ShouldBeTrue();
        }
        finally { File.Delete(path); }
    }

    // qpdf's JSON writes text strings as "u:..." (or "b:<hex>" for binary).
    private static string Text(JsonElement e) => e.GetString()! is var s && s.StartsWith("u:", StringComparison.Ordinal) ? s[2..] : e.GetString()!;

    private static DateTimeOffset PdfDate(string d)
    {
        // D:YYYYMMDDHHmmSS followed by Z or +HH'mm'
        var m = System.Text.RegularExpressions.Regex.Match(d, @"^D:(\d{14})(Z|([+-])(\d{2})'(\d{2})'?)?");
        m.Success.ShouldBeTrue($"not a PDF date: {d}");
        var local = DateTime.ParseExact(m.Groups[1].Value, "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var offset = m.Groups[3].Success
            ? TimeSpan.FromHours(int.Parse(m.Groups[4].Value)) + TimeSpan.FromMinutes(int.Parse(m.Groups[5].Value))
            : TimeSpan.Zero;
        if (m.Groups[3].Value == "-") offset = -offset;
        return new DateTimeOffset(local, offset);
    }

    private static string XmpValue(string xmp, string name)
    {
        // Either an element <pdfaid:part>2</pdfaid:part> or an attribute pdfaid:part="2".
        var element = System.Text.RegularExpressions.Regex.Match(xmp, $"<{name}>\\s*([^<]+?)\\s*</{name}>");
        if (element.Success) return element.Groups[1].Value;
        var attribute = System.Text.RegularExpressions.Regex.Match(xmp, $"{name}=\"([^\"]*)\"");
        attribute.Success.ShouldBeTrue($"{name} missing in XMP");
        return attribute.Groups[1].Value;
    }

    private static JsonElement Resolve(JsonElement objects, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.EndsWith(" R", StringComparison.Ordinal))
        {
            var obj = objects.GetProperty("obj:" + value.GetString());
            return obj.TryGetProperty("value", out var v) ? v : obj;
        }
        return value;
    }

    private static JsonElement QpdfJson(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"docsign-pdfa-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var r = ExternalTool.Run("qpdf", ["--json=2", "--json-stream-data=inline", "--decode-level=generalized", path]);
            r.ExitCode.ShouldBe(0, r.StdErr);
            return JsonDocument.Parse(r.StdOut).RootElement;
        }
        finally { File.Delete(path); }
    }
}
