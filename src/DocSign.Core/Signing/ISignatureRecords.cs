namespace DocSign.Core.Signing;

/// <summary>Signature records, office signing policies, and the transaction a signature is stored in.</summary>
public interface ISignatureRecords
{
    Task<SignatureRecord?> FindByPublicIdAsync(string publicId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SignatureRecord>> ListForDocumentAsync(Guid documentId, CancellationToken cancellationToken = default);

    /// <summary>Stages a record; saved by <see cref="SaveAsync"/> with everything else staged.</summary>
    void Add(SignatureRecord record);

    /// <summary>
    /// Saves what is staged. Throws <see cref="SignatureAlreadyRecordedException"/> when the same version was
    /// already signed (or parafed) by a concurrent request.
    /// </summary>
    Task SaveAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="work"/> in one database transaction: committed when it returns, rolled back when it throws.</summary>
    Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default);

    Task<OfficeSigningPolicy?> FindPolicyAsync(string officeId, CancellationToken cancellationToken = default);

    /// <summary>Adds or updates the office's policy (with anything the audit trail staged).</summary>
    Task SavePolicyAsync(OfficeSigningPolicy policy, CancellationToken cancellationToken = default);

    /// <summary>The office's display name ("Kecamatan Kanigaran"), or null when there is no such office.</summary>
    Task<string?> OfficeNameAsync(string officeId, CancellationToken cancellationToken = default);
}

public sealed class SignatureAlreadyRecordedException(Exception inner) : Exception("This version already carries that signature.", inner);
