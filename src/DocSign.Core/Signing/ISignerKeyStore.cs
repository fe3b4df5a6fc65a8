namespace DocSign.Core.Signing;

/// <summary>Enrolled signer keys (the database in production).</summary>
public interface ISignerKeyStore
{
    /// <summary>The signer's current key for <paramref name="purpose"/> in <paramref name="officeId"/>, or null.</summary>
    Task<SignerEnrolment?> FindActiveAsync(string userId, string officeId, SignatureKind purpose, CancellationToken cancellationToken = default);

    /// <summary>Every current key of a person (all offices and purposes).</summary>
    Task<IReadOnlyList<SignerEnrolment>> ListActiveAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new enrolment and retires the one it replaces, in one save (with anything the audit trail staged).</summary>
    Task AddAsync(SignerEnrolment enrolment, CancellationToken cancellationToken = default);

    /// <summary>Saves changes to a loaded enrolment (the wrong-passphrase counter).</summary>
    Task SaveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one passphrase attempt on <paramref name="enrolment"/> before the passphrase is tried, atomically with
    /// the check: under a lock on its row, the stored counters are read, <paramref name="waitBefore"/> decides whether an
    /// attempt may be made now, and if so it is counted as a failure at <paramref name="now"/> (a right passphrase
    /// resets it with the signature). Parallel requests therefore get exactly the designed number of tries. The loaded
    /// <paramref name="enrolment"/> is brought up to date with what is stored.
    /// </summary>
    Task<PassphraseAttempt> BeginPassphraseAttemptAsync(SignerEnrolment enrolment, Func<int, DateTimeOffset?, TimeSpan> waitBefore,
        DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Gives back an attempt counted by <see cref="BeginPassphraseAttemptAsync"/> that never reached the passphrase.</summary>
    Task ReleasePassphraseAttemptAsync(SignerEnrolment enrolment, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of <see cref="ISignerKeyStore.BeginPassphraseAttemptAsync"/>: the attempt was counted (wait zero), or the caller must wait.</summary>
public sealed record PassphraseAttempt(TimeSpan Wait, int FailedAttempts)
{
    public bool Allowed => Wait <= TimeSpan.Zero;
}
