namespace DocSign.Core.Signing;

/// <summary>
/// Slows down guessing of a signer's passphrase: the first <see cref="SigningOptions.FreeAttempts"/> wrong
/// passphrases cost nothing, after that each attempt waits (doubling up to <see cref="SigningOptions.MaxDelay"/>)
/// and is answered 429 with Retry-After until then. Counted per enrolled key in the database, so every instance
/// of the service sees the same count.
/// </summary>
public static class PassphraseThrottle
{
    /// <summary>How long the signer must still wait before the next attempt (zero when he may try now).</summary>
    public static TimeSpan WaitBeforeNextAttempt(SignerEnrolment enrolment, SigningOptions options, DateTimeOffset now) =>
        WaitBeforeNextAttempt(enrolment.FailedAttempts, enrolment.LastFailureAt, options, now);

    /// <summary>The same, from the stored counters.</summary>
    public static TimeSpan WaitBeforeNextAttempt(int failedAttempts, DateTimeOffset? lastFailureAt, SigningOptions options, DateTimeOffset now)
    {
        if (lastFailureAt is not { } last || now - last > options.FailureMemory) return TimeSpan.Zero;
        var over = failedAttempts - options.FreeAttempts;
        if (over < 0) return TimeSpan.Zero;
        var delay = options.FirstDelay * Math.Pow(2, Math.Min(over, 20));
        if (delay > options.MaxDelay) delay = options.MaxDelay;
        var left = last + delay - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Wrong passphrases left before attempts start to wait.</summary>
    public static int FreeAttemptsLeft(SignerEnrolment enrolment, SigningOptions options, DateTimeOffset now) =>
        enrolment.LastFailureAt is { } last && now - last <= options.FailureMemory
            ? Math.Max(0, options.FreeAttempts - enrolment.FailedAttempts)
            : options.FreeAttempts;
}
