using DocSign.Core.Letters;

namespace DocSign.Core.Tests.Letters;

/// <summary>Letter numbers from an office's pattern, as the offices' own numbers look.</summary>
public sealed class NumberTemplateTests
{
    private static readonly DateOnly March2 = new(2024, 3, 2);

    [Theory]
    [InlineData("{klasifikasi}/{urut}/SOP/{unit}/{tahun}", "065/10/SOP/425.504/2024")]
    [InlineData("{klasifikasi}/{urut:3}/{unit}/{tahun}", "065/010/425.504/2024")]
    [InlineData("{klasifikasi}/{urut}/{bulan-romawi}/{tahun}", "065/10/III/2024")]
    [InlineData("{klasifikasi}/{urut}/{bulan}.{tahun}", "065/10/03.2024")]
    public void Patterns_render_like_the_offices_numbers(string pattern, string expected)
    {
        NumberTemplate.Problem(pattern).ShouldBeNull();
        NumberTemplate.Render(pattern, "065", 10, 0, InsertStyle.Dot, "425.504", March2).ShouldBe(expected);
    }

    [Theory]
    [InlineData(15, 1, InsertStyle.Dot, 0, "15.1")]
    [InlineData(15, 1, InsertStyle.Letter, 0, "15a")]
    [InlineData(15, 27, InsertStyle.Letter, 0, "15aa")]
    [InlineData(7, 0, InsertStyle.Dot, 3, "007")]
    public void Sisipan_follow_the_office_style(int sequence, int insert, InsertStyle style, int width, string expected) =>
        NumberTemplate.SequenceText(sequence, insert, style, width).ShouldBe(expected);

    [Theory]
    [InlineData("", "kosong")]
    [InlineData("{klasifikasi}/{tahun}", "{urut}")]
    [InlineData("{klasifikasi}/{urut}/{kota}", "{kota}")]
    [InlineData("{urut:9}", "{urut:9}")]
    [InlineData("{urut", "'{'")]
    [InlineData("urut}", "'}'")]
    public void Bad_patterns_are_refused_with_a_reason(string pattern, string named) =>
        NumberTemplate.Problem(pattern).ShouldNotBeNull().ShouldContain(named);
}
