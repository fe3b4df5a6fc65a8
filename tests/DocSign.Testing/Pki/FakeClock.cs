namespace DocSign.Testing.Pki;

/// <summary>A clock that says what the test tells it; advance it by hand.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    /// <summary>A fixed instant inside every long-lived sample certificate's validity (2026-03-02 03:04:05 UTC).</summary>
    public static FakeClock Default() => new(new DateTimeOffset(2026, 3, 2, 3, 4, 5, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;
}
