using DocSign.Testing;
using DocSign.Testing.Oracles;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Pdf.Tests;

/// <summary>The shared samples are valid PDFs by an independent reader's judgement, so other projects can trust them.</summary>
public class SamplePdfsPassQpdfCheck
{
    public static TheoryData<string> Names => new() { "ClassicXref", "XrefStream", "HybridReference", "MultiRevision", "MultiPageText" };

    internal static byte[] Make(string name) => name switch
    {
        "ClassicXref" => SamplePdfs.ClassicXref(),
        "XrefStream" => SamplePdfs.XrefStream(),
        "HybridReference" => SamplePdfs.HybridReference(),
        "MultiRevision" => SamplePdfs.MultiRevision(),
        "MultiPageText" => SamplePdfs.MultiPageText(3),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Qpdf_finds_no_problem(string name)
    {
        var qpdf = Qpdf.Check(Make(name)); var (code, output) = (qpdf.ExitCode, qpdf.Output);
        output.ShouldContain("No syntax or stream encoding errors found");
        code.ShouldBe(0, output);
    }

    [Fact]
    public void Samples_are_deterministic()
    {
        foreach (var name in new[] { "ClassicXref", "XrefStream", "HybridReference", "MultiRevision", "MultiPageText" }) Make(name).ShouldBe(Make(name));
    }
}
