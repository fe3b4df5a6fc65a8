using System.Text;
using DocSign.Pdf;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Pdf.Tests;

public class RevisionBoundariesAreExact
{
    [Theory]
    [InlineData("\r\n", 2)]
    [InlineData("\n", 1)]
    [InlineData("\r", 1)]
    [InlineData("", 0)]
    public void EndOffset_includes_the_single_eol_after_the_marker(string eol, int eolLength)
    {
        var text = Encoding.Latin1.GetString(SamplePdfs.ClassicXref());
        text = text[..^1] + eol; // replace the final "\n"
        var bytes = Encoding.Latin1.GetBytes(text);
        using var f = PdfFile.Open(bytes);
        f.Revisions[0].EofMarkerEnd.ShouldBe(bytes.Length - eolLength);
        f.Revisions[0].EndOffset.ShouldBe(bytes.Length);
        Encoding.ASCII.GetString(bytes, (int)f.Revisions[0].EofMarkerOffset, 5).ShouldBe("%%EOF");
    }

    [Fact]
    public void Bytes_after_the_last_eof_are_outside_every_revision()
    {
        var bytes = SamplePdfs.ClassicXref().Concat("\n\n% trailing junk\n"u8.ToArray()).ToArray();
        using var f = PdfFile.Open(bytes);
        f.Revisions[^1].EndOffset.ShouldBe(SamplePdfs.ClassicXref().Length);
        f.Length.ShouldBe(bytes.Length);
    }

    /// <summary>
    /// A linearized file: startxref names the first-page section at the front, whose /Prev names the
    /// main section at the end. Both are one revision, ending at the last %%EOF.
    /// </summary>
    [Fact]
    public void Linearized_sections_form_one_revision_and_an_update_chains_to_the_first_page_section()
    {
        var bytes = Linearized(out long firstPageXref, out long mainXref);
        using var f = PdfFile.Open(bytes);
        f.Revisions.Count.ShouldBe(1);
        var rev = f.Revisions[0];
        rev.XrefOffset.ShouldBe(firstPageXref);
        rev.SectionOffsets.ShouldBe([firstPageXref, mainXref]);
        rev.EndOffset.ShouldBe(bytes.Length);
        rev.DefinedObjects.ShouldBe([1, 2, 3, 4, 5, 6]);
        f.GetPages().Count.ShouldBe(1);
        Encoding.Latin1.GetString(f.ReadDecodedStreamData((PdfStream)f.GetObject(5))).ShouldContain("Linear");

        var w = new PdfIncrementalWriter(f);
        w.EditDictionary(new PdfReference(4)).Set("Rotate", new PdfInteger(90));
        var ms = new MemoryStream();
        w.WriteTo(ms);
        using var g = PdfFile.Open(ms.ToArray());
        g.Revisions.Count.ShouldBe(2);
        g.Revisions[1].Trailer.GetInteger("Prev").ShouldBe(firstPageXref);
        g.Revisions[0].EndOffset.ShouldBe(bytes.Length);
        g.GetPages()[0].Rotate.ShouldBe(90);
        g.AtRevision(0).GetPages()[0].Rotate.ShouldBe(0);
    }

    internal static byte[] Linearized(out long firstPageXref, out long mainXref)
    {
        const string header = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n";
        // Section lengths are fixed (10-digit offsets), so offsets can be computed before writing.
        string Lin(long len) => $"1 0 obj\n<</Linearized 1 /L {len:D10} /O 4 /N 1 /T 0000000000 /E 0000000000 /H [0 0]>>\nendobj\n";
        string FirstXref(long o2, long o3, long o4, long prev) =>
            $"xref\n2 3\n{o2:D10} 00000 n\r\n{o3:D10} 00000 n\r\n{o4:D10} 00000 n\r\ntrailer\n<</Size 7 /Root 2 0 R /Prev {prev:D10}>>\nstartxref\n0\n%%EOF\n";
        const string o2s = "2 0 obj\n<</Type /Catalog /Pages 3 0 R>>\nendobj\n";
        const string o3s = "3 0 obj\n<</Type /Pages /Kids [4 0 R] /Count 1 /MediaBox [0 0 200 200]>>\nendobj\n";
        const string o4s = "4 0 obj\n<</Type /Page /Parent 3 0 R /Contents 5 0 R /Resources <</Font <</F1 6 0 R>>>>>>\nendobj\n";
        const string content = "BT /F1 12 Tf 10 10 Td (Linear) Tj ET";
        string o5s = $"5 0 obj\n<</Length {content.Length}>>\nstream\n{content}\nendstream\nendobj\n";
        const string o6s = "6 0 obj\n<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>\nendobj\n";

        long p1 = header.Length;
        long lenLin = Lin(0).Length;
        firstPageXref = p1 + lenLin;
        long lenFirst = FirstXref(0, 0, 0, 0).Length;
        long p2 = firstPageXref + lenFirst, p3 = p2 + o2s.Length, p4 = p3 + o3s.Length, p5 = p4 + o4s.Length, p6 = p5 + o5s.Length;
        mainXref = p6 + o6s.Length;
        string main = $"xref\n0 2\n0000000000 65535 f\r\n{p1:D10} 00000 n\r\n5 2\n{p5:D10} 00000 n\r\n{p6:D10} 00000 n\r\ntrailer\n<</Size 7>>\nstartxref\n{firstPageXref}\n%%EOF\n";
        long total = mainXref + main.Length;
        var text = header + Lin(total) + FirstXref(p2, p3, p4, mainXref) + o2s + o3s + o4s + o5s + o6s + main;
        var bytes = Encoding.Latin1.GetBytes(text);
        bytes.Length.ShouldBe((int)total);
        return bytes;
    }
}
