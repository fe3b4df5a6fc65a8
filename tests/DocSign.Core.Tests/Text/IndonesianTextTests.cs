using DocSign.Core.Offices;
using DocSign.Core.Text;

namespace DocSign.Core.Tests.Text;

/// <summary>The Indonesian words every letter, stamp and screen shares, and the one spelling of an office id.</summary>
public sealed class IndonesianTextTests
{
    [Theory]
    [InlineData(2023, 1, 2, "2 Januari 2023")]
    [InlineData(2024, 5, 31, "31 Mei 2024")]
    [InlineData(2026, 12, 1, "1 Desember 2026")]
    public void Dates_have_Indonesian_month_names(int year, int month, int day, string expected) =>
        IndonesianText.Date(new DateOnly(year, month, day)).ShouldBe(expected);

    [Fact]
    public void An_instant_is_dated_by_its_day_in_Western_Indonesian_Time()
    {
        // 18:30 UTC on 31 March is already 1 April in Probolinggo.
        IndonesianText.Date(new DateTimeOffset(2026, 3, 31, 18, 30, 0, TimeSpan.Zero)).ShouldBe("1 April 2026");
        IndonesianText.DayInWib(new DateTimeOffset(2026, 3, 31, 16, 59, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 3, 31));
    }

    [Fact]
    public void A_time_is_written_in_Western_Indonesian_Time_with_its_day()
    {
        // 21:50 UTC on 20 November is 04:50 on 21 November in WIB: the day follows the time across midnight.
        IndonesianText.DateTimeWib(new DateTimeOffset(2026, 11, 20, 21, 50, 0, TimeSpan.Zero)).ShouldBe("21 November 2026 04:50 WIB");
    }

    [Theory]
    [InlineData("197403152001121003", "19740315 200112 1 003")]
    [InlineData("19740315 200112 1 003", "19740315 200112 1 003")]
    [InlineData("12345", "12345")]
    [InlineData("1974031520011210AB", "1974031520011210AB")]
    public void A_NIP_is_written_in_its_groups_and_anything_else_as_given(string nip, string expected) =>
        IndonesianText.Nip(nip).ShouldBe(expected);

    [Theory]
    [InlineData(1, "1 (satu) berkas")]
    [InlineData(10, "10 (sepuluh) berkas")]
    [InlineData(12, "12 berkas")]
    public void Counts_are_in_words_up_to_ten(int n, string expected) => IndonesianText.Count(n, "berkas").ShouldBe(expected);

    [Theory]
    [InlineData(" Kanigaran ", "kanigaran")]
    [InlineData("CANDIPURO", "candipuro")]
    [InlineData(null, "")]
    public void Office_ids_have_one_spelling(string? raw, string expected) => OfficeIds.Normalize(raw).ShouldBe(expected);
}
