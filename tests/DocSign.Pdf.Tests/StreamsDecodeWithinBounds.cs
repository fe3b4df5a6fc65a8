using System.Text;
using DocSign.Pdf;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Pdf.Tests;

public class StreamsDecodeWithinBounds
{
    private static PdfFile OneStream(string dict, byte[] data, PdfLimits? limits = null)
    {
        var w = new RawPdfWriter();
        w.Object(1, "<</Type /Catalog /Pages 2 0 R>>");
        w.Object(2, "<</Type /Pages /Kids [] /Count 0>>");
        w.Stream(3, dict, data);
        w.ClassicXref("/Size 4 /Root 1 0 R");
        return PdfFile.Open(w.ToArray(), limits);
    }

    private static byte[] Decode(string dict, byte[] data, PdfLimits? limits = null)
    {
        using var f = OneStream(dict, data, limits);
        return f.ReadDecodedStreamData((PdfStream)f.GetObject(3));
    }

    [Fact]
    public void AsciiHex_and_Ascii85_chain_with_flate()
    {
        var text = "Kecamatan Kanigaran, Kota Probolinggo"u8.ToArray();
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexString(RawPdfWriter.Deflate(text)) + ">");
        Decode("<</Filter [/AHx /Fl]>>", hex).ShouldBe(text);
        // "Man " in ASCII85 is "9jqo^"; 'z' stands for four zero bytes.
        Decode("<</Filter /ASCII85Decode>>", "9jqo^z9jqo~>"u8.ToArray()).ShouldBe([.. "Man "u8, 0, 0, 0, 0, .. "Man"u8]);
    }

    [Theory]
    [InlineData(1)] // Sub
    [InlineData(2)] // Up
    [InlineData(3)] // Average
    [InlineData(4)] // Paeth
    public void Png_predictors_undo_what_they_encode(int tag)
    {
        // 3 rows of 4 RGB pixels.
        const int columns = 4, bpp = 3, row = columns * bpp;
        var raw = new byte[3 * row];
        new Random(tag).NextBytes(raw);
        var encoded = new MemoryStream();
        var prev = new byte[row];
        for (int r = 0; r < 3; r++)
        {
            var cur = raw.AsSpan(r * row, row);
            encoded.WriteByte((byte)tag);
            for (int i = 0; i < row; i++)
            {
                int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                int pred = tag switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) >> 1,
                    _ => Paeth(a, b, c),
                };
                encoded.WriteByte((byte)(cur[i] - pred));
            }
            prev = cur.ToArray();
        }
        Decode($"<</Filter /FlateDecode /DecodeParms <</Predictor 15 /Colors 3 /Columns {columns}>>>>", RawPdfWriter.Deflate(encoded.ToArray()))
            .ShouldBe(raw);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    [Fact]
    public void Tiff_predictor_adds_the_left_neighbour()
    {
        byte[] encoded = [10, 1, 1, 1, 20, 2, 2, 2];
        Decode("<</Filter /FlateDecode /DecodeParms <</Predictor 2 /Colors 1 /Columns 4>>>>", RawPdfWriter.Deflate(encoded))
            .ShouldBe([10, 11, 12, 13, 20, 22, 24, 26]);
    }

    [Fact]
    public void Image_codecs_pass_through_unless_strict()
    {
        var jpegish = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 };
        Decode("<</Filter /DCTDecode>>", jpegish).ShouldBe(jpegish);
        using var f = OneStream("<</Filter /DCTDecode>>", jpegish);
        Should.Throw<PdfException>(() => f.ReadDecodedStreamData((PdfStream)f.GetObject(3), strict: true)).ErrorKind.ShouldBe(PdfErrorKind.Unsupported);
    }

    [Fact]
    public void Per_stream_limit_stops_decoding_at_the_limit()
    {
        var zeros = RawPdfWriter.Deflate(new byte[5 * 1024 * 1024]);
        var limits = PdfLimits.Default with { MaxDecodedStreamBytes = 1024 * 1024 };
        using var f = OneStream("<</Filter /FlateDecode>>", zeros, limits);
        var e = Should.Throw<PdfLimitExceededException>(() => f.ReadDecodedStreamData((PdfStream)f.GetObject(3)));
        e.Limit.ShouldBe(nameof(PdfLimits.MaxDecodedStreamBytes));
        f.DecodedBytes.ShouldBeLessThanOrEqualTo(1024 * 1024 + 1);
    }

    [Fact]
    public void Per_file_limit_holds_across_repeated_decodes()
    {
        var zeros = RawPdfWriter.Deflate(new byte[1024 * 1024]);
        var limits = PdfLimits.Default with { MaxDecodedBytesPerFile = 3 * 1024 * 1024 };
        using var f = OneStream("<</Filter /FlateDecode>>", zeros, limits);
        var s = (PdfStream)f.GetObject(3);
        for (int i = 0; i < 3; i++) f.ReadDecodedStreamData(s).Length.ShouldBe(1024 * 1024);
        Should.Throw<PdfLimitExceededException>(() => f.ReadDecodedStreamData(s)).Limit.ShouldBe(nameof(PdfLimits.MaxDecodedBytesPerFile));
    }

    [Fact]
    public void Corrupt_flate_data_is_a_typed_error()
    {
        var bad = RawPdfWriter.Deflate(new byte[10_000]);
        for (int i = 2; i < bad.Length; i++) bad[i] ^= 0x5A;
        using var f = OneStream("<</Filter /FlateDecode>>", bad);
        Should.Throw<PdfException>(() => f.ReadDecodedStreamData((PdfStream)f.GetObject(3)));
    }
}
