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
}
