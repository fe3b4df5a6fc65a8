using System.Text;

namespace DocSign.Pdf.Tests;

/// <summary>
/// What real producers write and qpdf and poppler read, read here too (files of this kind are in
/// tests/corpus/realworld; these are minimal hand-made forms of each), with what was tolerated noted per revision.
/// </summary>
public class RealProducersQuirksAreRead
{
    private sealed class Builder
    {
        private readonly StringBuilder _sb = new("%PDF-1.7\n");
        public readonly Dictionary<int, long> Offsets = new();
        public long Pos => _sb.Length;
        public Builder Obj(int n, string body) { Offsets[n] = Pos; _sb.Append($"{n} 0 obj\n{body}\nendobj\n"); return this; }
        public Builder Raw(string s) { _sb.Append(s); return this; }
        public string Entry(int n) => $"{Offsets[n]:D10} 00000 n \n";
        public byte[] Bytes => Encoding.Latin1.GetBytes(_sb.ToString());
    }

    private const string Page = "<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>";

    [Fact]
    public void A_free_list_head_of_generation_65536_and_comments_after_entries_are_read()
    {
        var b = new Builder().Obj(1, "<</Type/Catalog/Pages 2 0 R>>").Obj(2, "<</Type/Pages/Kids[3 0 R]/Count 1>>").Obj(3, Page);
        long x = b.Pos;
        b.Raw("xref\n0 4\n0000000000 65536 f don't panic\n" + b.Entry(1).TrimEnd() + " life is short\n\n" + b.Entry(2) + b.Entry(3))
         .Raw($"trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n{x}\n%%EOF\n");
        using var pdf = PdfFile.Open(b.Bytes);
        pdf.GetPages().Count.ShouldBe(1);
        pdf.Revisions.Single().Leniencies.Count(l => l.Contains("text after")).ShouldBe(2);
    }

    [Fact]
    public void A_well_formed_file_notes_no_leniency()
    {
        var b = new Builder().Obj(1, "<</Type/Catalog/Pages 2 0 R>>").Obj(2, "<</Type/Pages/Kids[3 0 R]/Count 1>>").Obj(3, Page);
        long x = b.Pos;
        b.Raw("xref\n0 4\n0000000000 65535 f \n" + b.Entry(1) + b.Entry(2) + b.Entry(3)).Raw($"trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n{x}\n%%EOF\n");
        using var pdf = PdfFile.Open(b.Bytes);
        pdf.Revisions.Single().Leniencies.ShouldBeEmpty();
    }

    [Fact]
    public void A_generation_beyond_65535_on_an_object_in_use_is_refused_in_plain_words()
    {
        var b = new Builder().Obj(1, "<</Type/Catalog/Pages 2 0 R>>");
        long x = b.Pos;
        b.Raw($"xref\n0 2\n0000000000 65535 f \n{b.Offsets[1]:D10} 70000 n \n").Raw($"trailer\n<</Size 2/Root 1 0 R>>\nstartxref\n{x}\n%%EOF\n");
        var e = Should.Throw<PdfException>(() => PdfFile.Open(b.Bytes));
        e.Message.ShouldContain("object 1");
        e.Message.ShouldNotContain("-1");
    }

    [Fact]
    public void A_linearized_file_saved_incrementally_with_prev_at_its_first_page_xref_is_two_revisions()
    {
        // Linearized: the first-page section (newest) comes first in the file, the main one at the end; a later
        // form-fill save's /Prev points back at the first-page section, as Acrobat writes it.
        var b = new Builder().Obj(4, "<</Linearized 1/L 0/N 1/O 3/E 0/T 0/H[0 0]>>");
        long firstPage = b.Pos;
        string firstPageXrefPlaceholder = "@@FIRSTPAGE@@";
        b.Raw(firstPageXrefPlaceholder);
        b.Obj(1, "<</Type/Catalog/Pages 2 0 R>>").Obj(2, "<</Type/Pages/Kids[3 0 R]/Count 1>>").Obj(3, Page);
        long main = b.Pos;
        b.Raw("xref\n0 4\n0000000000 65535 f \n" + b.Entry(1) + b.Entry(2) + b.Entry(3)).Raw("trailer\n<</Size 5>>\nstartxref\n0\n%%EOF\n");
        b.Obj(5, "<</Filled true>>").Obj(3, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Annots[]>>");
        long update = b.Pos;
        b.Raw("xref\n3 1\n" + b.Entry(3) + "5 1\n" + b.Entry(5)).Raw($"trailer\n<</Size 6/Root 1 0 R/Prev {firstPage}>>\nstartxref\n{update}\n%%EOF\n");
        // The first-page section has a fixed width, so it can be written after the offsets are known.
        string fp = $"xref\n4 1\n{b.Offsets[4]:D10} 00000 n \ntrailer\n<</Size 5/Root 1 0 R/Prev {main:D10}>>\nstartxref\n0\n%%EOF\n";
        var text = Encoding.Latin1.GetString(b.Bytes);
        // Keep offsets: the placeholder is replaced by text of equal length padded with spaces after a comment-free EOL.
        text.IndexOf(firstPageXrefPlaceholder, StringComparison.Ordinal).ShouldBe((int)firstPage);
        var bytes = Encoding.Latin1.GetBytes(ShiftFree(text, firstPageXrefPlaceholder, fp));
        using var pdf = PdfFile.Open(bytes);
        pdf.Revisions.Count.ShouldBe(2);
        pdf.AtRevision(0).GetObject(3).ShouldBeOfType<PdfDictionary>().ContainsKey("Annots").ShouldBeFalse();
        pdf.Latest.GetObject(3).ShouldBeOfType<PdfDictionary>().ContainsKey("Annots").ShouldBeTrue();
        pdf.Latest.GetObject(5).ShouldBeOfType<PdfDictionary>();
    }

    /// <summary>Replaces the placeholder and moves every later offset by the length difference (offsets are re-written).</summary>
    private static string ShiftFree(string text, string placeholder, string replacement)
    {
        // Build again with the real first-page section: simpler than patching offsets.
        int delta = replacement.Length - placeholder.Length;
        int at = text.IndexOf(placeholder, StringComparison.Ordinal);
        var sb = new StringBuilder(text[..at]).Append(replacement).Append(text[(at + placeholder.Length)..]);
        var s = sb.ToString();
        // Shift every 10-digit offset in xref entries and /Prev, and every startxref value, that lies after the placeholder.
        s = System.Text.RegularExpressions.Regex.Replace(s, @"(?m)^(\d{10}) 00000 n", m =>
        {
            long v = long.Parse(m.Groups[1].Value);
            return (v > at ? v + delta : v).ToString("D10") + " 00000 n";
        });
        s = System.Text.RegularExpressions.Regex.Replace(s, @"/Prev (\d+)", m =>
        {
            long v = long.Parse(m.Groups[1].Value);
            return "/Prev " + (v > at ? v + delta : v).ToString(m.Groups[1].Value.Length == 10 ? "D10" : "D");
        });
        s = System.Text.RegularExpressions.Regex.Replace(s, @"startxref\n(\d+)", m =>
        {
            long v = long.Parse(m.Groups[1].Value);
            return "startxref\n" + (v > at ? v + delta : v);
        });
        return s;
    }

    [Fact]
    public void Acrobats_empty_table_before_the_same_eof_is_part_of_one_revision()
    {
        var b = new Builder().Obj(1, "<</Type/Catalog/Pages 2 0 R>>").Obj(2, "<</Type/Pages/Kids[3 0 R]/Count 1>>").Obj(3, Page);
        long x = b.Pos;
        b.Raw("xref\n0 4\n0000000000 65535 f \n" + b.Entry(1) + b.Entry(2) + b.Entry(3)).Raw($"trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n{x}\n%%EOF\n");
        b.Obj(4, "<</New true>>");
        long t1 = b.Pos;
        b.Raw("xref\n4 1\n" + b.Entry(4)).Raw($"trailer\n<</Size 5/Root 1 0 R/Prev {x}>>\n");
        long t2 = b.Pos;
        b.Raw($"xref\n0 0\ntrailer\n<</Size 5/Root 1 0 R/Prev {t1}>>\nstartxref\n{t2}\n%%EOF\n");
        using var pdf = PdfFile.Open(b.Bytes);
        pdf.Revisions.Count.ShouldBe(2);
        pdf.Latest.GetObject(4).ShouldBeOfType<PdfDictionary>();
    }

    [Theory]
    [InlineData("startxref\n%c\n{0}\n%%EOF\n")]
    [InlineData("startxref\n+{0}\n%%EOF\n")]
    public void A_startxref_some_viewers_cannot_use_is_read_and_noted(string tail)
    {
        var b = new Builder().Obj(1, "<</Type/Catalog/Pages 2 0 R>>").Obj(2, "<</Type/Pages/Kids[3 0 R]/Count 1>>").Obj(3, Page);
        long x = b.Pos;
        b.Raw("xref\n0 4\n0000000000 65535 f \n" + b.Entry(1) + b.Entry(2) + b.Entry(3)).Raw("trailer\n<</Size 4/Root 1 0 R>>\n").Raw(string.Format(tail, x));
        using var pdf = PdfFile.Open(b.Bytes);
        pdf.Revisions.Single().Leniencies.ShouldContain(l => l.Contains("startxref"));
    }

    [Fact]
    public void An_object_named_twice_in_one_table_is_read_from_its_first_entry_as_viewers_do()
    {
        var b = new Builder().Obj(1, "<</Type/Catalog/Pages 2 0 R>>").Obj(2, "<</Type/Pages/Kids[3 0 R]/Count 1>>").Obj(3, Page);
        long first = b.Offsets[3];
        b.Obj(3, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 999 999]>>");
        long x = b.Pos;
        b.Raw("xref\n0 4\n0000000000 65535 f \n" + b.Entry(1) + b.Entry(2) + $"{first:D10} 00000 n \n" + "3 1\n" + b.Entry(3))
         .Raw($"trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n{x}\n%%EOF\n");
        using var pdf = PdfFile.Open(b.Bytes);
        pdf.Revisions.Single().DuplicateObjectNumbers.ShouldBe([3]);
        var box = (PdfArray)((PdfDictionary)pdf.GetObject(3))["MediaBox"]!;
        ((PdfInteger)box[2]).Value.ShouldBe(200);
    }
}
