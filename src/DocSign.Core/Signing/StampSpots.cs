namespace DocSign.Core.Signing;

/// <summary>
/// Where a new stamp may go on a page that already carries stamps: wholly inside the page (the engine refuses a box
/// that is not) and clear of every earlier signature or paraf widget, so that one stamp never prints over another and
/// both QR codes stay readable. The signing page's script snaps the Camat's drag with the same rule.
/// </summary>
public static class StampSpots
{
    /// <summary>The space kept between two stamps, in points.</summary>
    public const double Gap = 8;

    /// <summary>The grid the search walks, in points (fine enough that the spot found is next to the one wanted).</summary>
    private const double Step = 4;

    /// <summary>Whether <paramref name="box"/> lies wholly on a page of <paramref name="pageWidth"/> × <paramref name="pageHeight"/> points.</summary>
    public static bool Inside(StampPlacement box, double pageWidth, double pageHeight) =>
        box.Width > 0 && box.Height > 0 && box.X >= 0 && box.Y >= 0
        && box.X + box.Width <= pageWidth + 1e-6 && box.Y + box.Height <= pageHeight + 1e-6;

    /// <summary>Whether two boxes on the same page come closer than <paramref name="gap"/> points (touching counts when gap is 0).</summary>
    public static bool Overlaps(StampPlacement a, StampPlacement b, double gap = 0) =>
        a.Page == b.Page
        && a.X < b.X + b.Width + gap && b.X < a.X + a.Width + gap
        && a.Y < b.Y + b.Height + gap && b.Y < a.Y + a.Height + gap;

    /// <summary>
    /// The free spot nearest to <paramref name="wanted"/> (same page and size): the wanted box itself when it is on the
    /// page and clear of <paramref name="taken"/>; else the closest box that is (beside an earlier stamp rather than above
    /// it); else the wanted box pulled onto the page when the page has no free room at all.
    /// </summary>
    public static StampPlacement Nearest(StampPlacement wanted, double pageWidth, double pageHeight, IEnumerable<StampPlacement> taken)
    {
        var others = taken.Where(t => t.Page == wanted.Page && t.Width > 0 && t.Height > 0).ToList();
        double w = Math.Min(wanted.Width, pageWidth), h = Math.Min(wanted.Height, pageHeight);
        var onPage = wanted with
        {
            Width = w, Height = h,
            X = Math.Clamp(wanted.X, 0, Math.Max(0, pageWidth - w)),
            Y = Math.Clamp(wanted.Y, 0, Math.Max(0, pageHeight - h)),
        };
        bool Free(StampPlacement b) => Inside(b, pageWidth, pageHeight) && !others.Any(o => Overlaps(b, o, Gap));
        if (Free(onPage)) return onPage;

        // Candidates: the grid, plus the exact spots flush beside, above and below each earlier stamp.
        var xs = new SortedSet<double>();
        var ys = new SortedSet<double>();
        for (double x = 0; x <= pageWidth - w + 1e-9; x += Step) xs.Add(Math.Round(x, 2));
        for (double y = 0; y <= pageHeight - h + 1e-9; y += Step) ys.Add(Math.Round(y, 2));
        xs.Add(onPage.X); ys.Add(onPage.Y);
        foreach (var o in others)
        {
            xs.Add(Math.Round(o.X - Gap - w - 0.01, 2)); xs.Add(Math.Round(o.X + o.Width + Gap + 0.01, 2));
            ys.Add(Math.Round(o.Y - Gap - h - 0.01, 2)); ys.Add(Math.Round(o.Y + o.Height + Gap + 0.01, 2));
        }
        StampPlacement? best = null;
        var bestDistance = double.MaxValue;
        foreach (var x in xs)
        foreach (var y in ys)
        {
            // A step up or down costs three times a step sideways: a second stamp goes beside the first, as a paraf
            // stands beside the signature, and only a page too narrow for both puts it above.
            double dx = x - onPage.X, dy = 3 * (y - onPage.Y), d = dx * dx + dy * dy;
            if (d >= bestDistance) continue;
            var candidate = onPage with { X = x, Y = y };
            if (!Free(candidate)) continue;
            best = candidate;
            bestDistance = d;
        }
        return best ?? onPage;
    }
}
