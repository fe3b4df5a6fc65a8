using DocSign.Core.Audit;
using DocSign.Core.Problems;

namespace DocSign.Core.Tests.Audit;

/// <summary>The one date rule of the audit screen and API: days take in the whole day, instants are exact, bad input is refused.</summary>
public sealed class AuditRangeTests
{
    [Fact]
    public void Days_cover_the_whole_of_the_to_day()
    {
        var range = AuditRange.Parse("2026-01-01", "2026-01-31");
        range.From.ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        range.Until.ShouldBe(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));   // exclusive: all of 31 January
    }

    [Fact]
    public void Instants_are_kept_and_the_to_instant_is_included()
    {
        var at = new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero);
        var range = AuditRange.Parse(null, "2026-01-31T10:00:00Z");
        range.From.ShouldBeNull();
        range.Until.ShouldBe(at.AddTicks(1));
    }

    [Theory]
    [InlineData("31-01-2026", null)]
    [InlineData("2026-02-01", "2026-01-01")]
    public void Bad_dates_are_refused(string? from, string? to) =>
        Should.Throw<DocSignProblem>(() => AuditRange.Parse(from, to)).Kind.ShouldBe(ProblemKind.Invalid);
}
