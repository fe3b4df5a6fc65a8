using DocSign.Core.Signing;

namespace DocSign.Core.Tests.Signing;

/// <summary>
/// Where a new stamp may go: wholly on the page and clear of earlier stamps, the second one beside the first (a paraf
/// and the Camat's signature side by side) rather than on top of it or above it.
/// </summary>
public sealed class StampSpotsTests
{
    private const double A4W = 595, A4H = 842;
    private static readonly StampPlacement BottomRight = new(1, 295, 40, 260, 110);

    [Fact]
    public void A_free_spot_on_the_page_is_kept_as_asked()
    {
        StampSpots.Nearest(BottomRight, A4W, A4H, []).ShouldBe(BottomRight);
        StampSpots.Nearest(BottomRight, A4W, A4H, [BottomRight with { Page = 2 }]).ShouldBe(BottomRight);
    }

    [Fact]
    public void A_box_partly_off_the_page_is_pulled_onto_it()
    {
        // The case: a click right of the middle put 357 + 260 > 595.
        var placed = StampSpots.Nearest(new StampPlacement(1, 357, 59, 260, 110), A4W, A4H, []);
        placed.ShouldBe(new StampPlacement(1, 335, 59, 260, 110));
        StampSpots.Inside(placed, A4W, A4H).ShouldBeTrue();
        StampSpots.Nearest(new StampPlacement(1, -30, 800, 260, 110), A4W, A4H, []).ShouldBe(new StampPlacement(1, 0, 732, 260, 110));
    }

    [Fact]
    public void A_second_stamp_on_the_same_spot_goes_beside_the_first_on_the_same_line()
    {
        var second = StampSpots.Nearest(BottomRight, A4W, A4H, [BottomRight]);
        second.Y.ShouldBe(BottomRight.Y);
        (second.X + second.Width).ShouldBeLessThanOrEqualTo(BottomRight.X - StampSpots.Gap);
        StampSpots.Overlaps(second, BottomRight, StampSpots.Gap).ShouldBeFalse();
        StampSpots.Inside(second, A4W, A4H).ShouldBeTrue();
    }

    [Fact]
    public void On_a_page_too_narrow_for_two_side_by_side_the_second_goes_above()
    {
        var first = new StampPlacement(1, 100, 40, 260, 110);
        var second = StampSpots.Nearest(first, 420, 595, [first]);
        second.Y.ShouldBeGreaterThanOrEqualTo(first.Y + first.Height + StampSpots.Gap);
        StampSpots.Inside(second, 420, 595).ShouldBeTrue();
    }

    [Fact]
    public void Wherever_it_is_dropped_the_stamp_lands_on_the_page_and_clear_of_the_others()
    {
        StampPlacement[] taken = [BottomRight, new(1, 40, 40, 200, 90), new(1, 200, 400, 260, 110)];
        var random = new Random(23);
        for (var i = 0; i < 300; i++)
        {
            var wanted = new StampPlacement(1, random.Next(-300, 700), random.Next(-200, 900), 260, 110);
            var placed = StampSpots.Nearest(wanted, A4W, A4H, taken);
            StampSpots.Inside(placed, A4W, A4H).ShouldBeTrue($"{wanted} -> {placed}");
            taken.ShouldAllBe(t => !StampSpots.Overlaps(placed, t, StampSpots.Gap), $"{wanted} -> {placed}");
        }
    }

    [Fact]
    public void A_page_with_no_room_left_gives_the_box_pulled_onto_the_page()
    {
        var full = new StampPlacement(1, 0, 0, A4W, A4H);
        StampSpots.Nearest(new StampPlacement(1, 500, 10, 260, 110), A4W, A4H, [full]).ShouldBe(new StampPlacement(1, 335, 10, 260, 110));
    }
}
