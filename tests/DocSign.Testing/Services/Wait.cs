using System.Diagnostics;

namespace DocSign.Testing.Services;

/// <summary>
/// Waits on a condition the test can observe (a recorded event, a counter, a port that answers), never on the clock
/// alone: the wait ends as soon as the condition holds, and a timeout is only the verdict that it never will, named
/// by <c>what</c>. The timeouts are generous on purpose; a loaded machine makes a wait longer, not a test fail.
/// </summary>
public static class Wait
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Tick);
        while (!await condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Not reached within {timeout.TotalSeconds:0} s: {what()}");
            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, cancellationToken);

    /// <summary>Polls <paramref name="probe"/> until it finds something and returns it.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<Task<string>> what) where T : struct
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Tick);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (clock.Elapsed > timeout) throw new TimeoutException($"Not reached within {timeout.TotalSeconds:0} s: {await what()}");
            await timer.WaitForNextTickAsync();
        }
    }

    /// <summary>The blocking form, for set-up code that runs before any test (a fixture's constructor).</summary>
    public static void Until(Func<bool> condition, TimeSpan timeout, Func<string> what) =>
        UntilAsync(condition, timeout, what).GetAwaiter().GetResult();
}
