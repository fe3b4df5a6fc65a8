using System.Text;
using DocSign.Pdf;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Pdf.Tests;

public class LexerReadsTheSyntaxExactly
{
    private static byte[] FileWith(string body)
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [] /Count 0>>");
        w.Object(3, body);
        w.ClassicXref("/Size 4 /Root 1 0 R");
        return w.ToArray();
    }

    private static PdfObject Parse(string body)
    {
        using var f = PdfFile.Open(FileWith(body));
        return f.GetObject(3);
    }

    [Fact]
    public void Literal_string_escapes_and_line_endings()
    {
        var s = (PdfString)Parse("(a\\nb\\(c\\)\\\\d\\053\\7e\\\r\nf\rg\r\nh (nested) \\q)");
        Encoding.Latin1.GetString(s.Value).ShouldBe("a\nb(c)\\d+\u0007ef\ng\nh (nested) q");
    }

    [Fact]
    public void Hex_string_with_whitespace_and_odd_digit_count()
    {
        ((PdfString)Parse("<48 65\n6c6C 6f7>")).Value.ToArray().ShouldBe([0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x70]);
    }

    private static PdfObject ParseBuffered(string body)
    {
        // A stream, not an array: read through the 16 KB buffer, so long tokens cross its boundaries.
        using var f = PdfFile.Open(new MemoryStream(FileWith(body)));
        return f.GetObject(3);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(511, 7)]
    [InlineData(512, 0)]
    [InlineData(513, 1)]
    [InlineData(8_191, 33)]
    [InlineData(8_192, 0)]
    [InlineData(20_001, 101)]
    [InlineData(65_537, 4_096)]
    public void Long_hex_strings_decode_exactly_across_buffer_and_chunk_boundaries(int length, int spaceEvery)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var hex = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            hex.Append(i % 3 == 0 ? bytes[i].ToString("X2") : bytes[i].ToString("x2"));
            if (spaceEvery > 0 && i % spaceEvery == spaceEvery - 1) hex.Append(i % 2 == 0 ? ' ' : '\n');
        }
        ((PdfString)ParseBuffered($"<{hex}>")).Value.ToArray().ShouldBe(bytes);
        ((PdfString)Parse($"<{hex}>")).Value.ToArray().ShouldBe(bytes);
        // An odd digit count ends in a padded byte, and a stray character is refused, wherever they fall.
        ((PdfString)ParseBuffered($"<{hex}7>")).Value.ToArray().ShouldBe([.. bytes, 0x70]);
        Should.Throw<PdfException>(() => ParseBuffered($"<{hex}g0>")).ErrorKind.ShouldBe(PdfErrorKind.Malformed);
        Should.Throw<PdfException>(() => ParseBuffered($"<{hex}")).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public void Comments_longer_than_the_read_buffer_end_at_their_line_end(string eol)
    {
        var comment = "%" + new string('x', 40_000) + eol;
        var a = (PdfArray)ParseBuffered($"[1 {comment}2 {comment}{comment}3]");
        a.Select(o => ((PdfInteger)o).Value).ShouldBe([1L, 2L, 3L]);
    }

    [Fact]
    public void Names_with_hex_escapes()
    {
        ((PdfName)Parse("/Lime#20Green")).Value.ShouldBe("Lime Green");
        ((PdfName)Parse("/A#23B")).Value.ShouldBe("A#B");
    }

    [Theory]
    [InlineData("123", 123L)]
    [InlineData("-17", -17L)]
    [InlineData("+5", 5L)]
    [InlineData("0", 0L)]
    public void Integers(string text, long value) => ((PdfInteger)Parse(text)).Value.ShouldBe(value);

    [Theory]
    [InlineData("3.25", 3.25)]
    [InlineData("-.5", -0.5)]
    [InlineData("4.", 4.0)]
    [InlineData("--2", -2.0)]
    public void Reals_including_sloppy_forms(string text, double value) => ((PdfReal)Parse(text)).Value.ShouldBe(value);

    [Theory]
    [InlineData("--40", -40.0, true)]   // Acrobat, pdf.js and poppler: the first sign decides
    [InlineData("-+40", -40.0, true)]
    [InlineData("-40.5", -40.5, false)]
    public void Numbers_with_several_signs_read_as_viewers_do_and_are_marked_ambiguous(string text, double value, bool ambiguous)
    {
        var r = (PdfReal)Parse(text);
        r.Value.ShouldBe(value);
        r.IsAmbiguous.ShouldBe(ambiguous);
    }

    [Fact]
    public void Comments_are_whitespace_and_references_need_R()
    {
        var a = (PdfArray)Parse("[1 % comment ]\n 0 R 2 3 /X]");
        a.Count.ShouldBe(4);
        a[0].ShouldBe(new PdfReference(1, 0));
        ((PdfInteger)a[1]).Value.ShouldBe(2);
        ((PdfInteger)a[2]).Value.ShouldBe(3);
    }

    [Fact]
    public void Duplicate_dictionary_keys_are_refused()
    {
        Should.Throw<PdfException>(() => Parse("<</A 1 /A 2>>")).ErrorKind.ShouldBe(PdfErrorKind.Malformed);
    }

    [Theory]
    [InlineData("<</A>>")]
    [InlineData("[1 2")]
    [InlineData("(open")]
    [InlineData("<4G>")]
    [InlineData("endstream")]
    [InlineData("<<1 2>>")]
    public void Bad_syntax_is_a_typed_error(string body)
    {
        Should.Throw<PdfException>(() => Parse(body));
    }
}
