using DocSign.Pdf;
using DocSign.Testing.SamplePdfs;

namespace DocSign.Pdf.Tests;

public class LimitsAreConfigurable
{
    [Fact]
    public void Revisions_beyond_the_limit_are_refused()
    {
        var e = Should.Throw<PdfLimitExceededException>(() => PdfFile.Open(SamplePdfs.MultiRevision(), PdfLimits.Default with { MaxRevisions = 2 }));
        e.Limit.ShouldBe(nameof(PdfLimits.MaxRevisions));
        e.Message.ShouldContain("MaxRevisions");
    }

    [Fact]
    public void Objects_beyond_the_limit_are_refused()
    {
        Should.Throw<PdfLimitExceededException>(() => PdfFile.Open(SamplePdfs.MultiPageText(10), PdfLimits.Default with { MaxObjects = 10 }))
            .Limit.ShouldBe(nameof(PdfLimits.MaxObjects));
    }

    [Fact]
    public void Nesting_just_inside_the_limit_is_read()
    {
        var ok = HostilePdfs.DeepNestingInObject(10, dictionaries: false);
        using (var f = PdfFile.Open(ok, PdfLimits.Default with { MaxNestingDepth = 11 })) f.GetObject(4).ShouldBeOfType<PdfArray>();
        using (var f = PdfFile.Open(ok, PdfLimits.Default with { MaxNestingDepth = 9 }))
            Should.Throw<PdfLimitExceededException>(() => f.GetObject(4)).Limit.ShouldBe(nameof(PdfLimits.MaxNestingDepth));
    }

    [Fact]
    public void Pages_beyond_the_limit_are_refused()
    {
        using var f = PdfFile.Open(SamplePdfs.MultiPageText(5), PdfLimits.Default with { MaxPages = 4 });
        Should.Throw<PdfLimitExceededException>(() => f.GetPages()).Limit.ShouldBe(nameof(PdfLimits.MaxPages));
    }

    [Fact]
    public void Names_and_strings_beyond_the_limit_are_refused()
    {
        using var f = PdfFile.Open(SamplePdfs.ClassicXref(), PdfLimits.Default with { MaxNameLength = 4 });
        Should.Throw<PdfLimitExceededException>(() => f.Catalog).Limit.ShouldBe(nameof(PdfLimits.MaxNameLength));
    }

    [Fact]
    public void A_cancelled_token_stops_the_work()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Should.Throw<OperationCanceledException>(() =>
        {
            using var f = PdfFile.Open(SamplePdfs.MultiPageText(400), ct: cts.Token);
            PdfWalk.ReadEverything(f);
        });
    }

    [Fact]
    public void The_time_limit_is_a_typed_error()
    {
        var limits = PdfLimits.Default with { MaxCallDuration = TimeSpan.Zero };
        Should.Throw<PdfLimitExceededException>(() =>
        {
            using var f = PdfFile.Open(SamplePdfs.MultiPageText(400), limits);
            PdfWalk.ReadEverything(f);
        }).Limit.ShouldBe(nameof(PdfLimits.MaxCallDuration));
    }
}
