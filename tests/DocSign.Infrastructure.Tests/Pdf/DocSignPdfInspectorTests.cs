using DocSign.Core.Ports;
using DocSign.Infrastructure.Pdf;
using DocSign.Testing.Services;
using DocSign.Testing.SamplePdfs;
using Shared = DocSign.Testing.SamplePdfs.SamplePdfs;

namespace DocSign.Infrastructure.Tests.Pdf;

/// <summary>The upload check accepts real PDFs of every cross-reference form and refuses the rest.</summary>
public sealed class DocSignPdfInspectorTests
{
    private static PdfInspection Inspect(byte[] bytes) => new DocSignPdfInspector().Inspect(new MemoryStream(bytes));

    public static TheoryData<string> GoodPdfs => ["one-page", "classic", "xref-stream", "hybrid", "multi-revision", "multi-page"];

    [Theory]
    [MemberData(nameof(GoodPdfs))]
    public void Well_formed_unencrypted_pdfs_are_accepted(string name)
    {
        var bytes = name switch
        {
            "one-page" => SamplePdfs.OnePage("LKjIP"),
            "classic" => Shared.ClassicXref(),
            "xref-stream" => Shared.XrefStream(),
            "hybrid" => Shared.HybridReference(),
            "multi-revision" => Shared.MultiRevision(),
            "multi-page" => Shared.MultiPageText(5),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        Inspect(bytes).ShouldBe(PdfInspection.Ok());
    }

    [Fact]
    public void A_pdf_encrypted_by_qpdf_is_reported_encrypted()
    {
        var result = Inspect(SamplePdfs.Encrypted("rahasia"));
        result.IsPdf.ShouldBeTrue();
        result.IsEncrypted.ShouldBeTrue();
    }

    [Theory]
    [InlineData("random")]
    [InlineData("truncated")]
    [InlineData("header-only")]
    [InlineData("text-renamed")]
    [InlineData("startxref-wrong")]
    [InlineData("garbage-object")]
    public void Things_that_are_not_readable_pdfs_are_refused(string name)
    {
        var good = SamplePdfs.OnePage("asli");
        var bytes = name switch
        {
            "random" => SamplePdfs.RandomBytes(10_000, 5),
            "truncated" => good[..(good.Length * 2 / 3)],
            "header-only" => "%PDF-1.7\n"u8.ToArray(),
            "text-renamed" => "Laporan Kinerja 2024, disimpan sebagai .pdf"u8.ToArray(),
            // Same length, so the cross-reference stays right: only a full parse of every object notices.
            "garbage-object" => System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(good).Replace("/Subtype /Type1", "/Subtype ]]]]]")),
            "startxref-wrong" => System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(good).Replace("startxref\n", "startxref\n1")),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var result = Inspect(bytes);
        result.IsPdf.ShouldBeFalse();
        result.Reason.ShouldNotBeNullOrWhiteSpace();
    }
}
