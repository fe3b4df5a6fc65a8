using DocSign.Core.Documents;

namespace DocSign.Core.Ports;

/// <summary>Persistence of documents and their versions (EF Core in production).</summary>
public interface IDocumentRepository
{
    /// <summary>The document with all its versions, or null.</summary>
    Task<Document?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Documents (with versions) of the given offices (null: all), optionally of one year; newest year first.</summary>
    Task<IReadOnlyList<Document>> ListAsync(IReadOnlyCollection<string>? offices, int? year, int max, CancellationToken cancellationToken = default);

    /// <summary>Whether the office exists; the id is an <see cref="Offices.OfficeId"/>, so only a normalised id reaches the table.</summary>
    Task<bool> OfficeExistsAsync(Offices.OfficeId officeId, CancellationToken cancellationToken = default);

    /// <summary>Inserts a new document with its first version in one transaction.</summary>
    Task AddAsync(Document document, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts one more version of an existing document. Throws <see cref="VersionNumberTakenException"/>
    /// when another upload took the same number first.
    /// </summary>
    Task AddVersionAsync(DocumentVersion version, CancellationToken cancellationToken = default);

    /// <summary>Which of the given object keys some version refers to.</summary>
    Task<IReadOnlySet<string>> FindReferencedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}

public sealed class VersionNumberTakenException(Exception inner) : Exception("Version number already taken.", inner);

/// <summary>Thrown by adapters when the database cannot be reached or answered with a transient failure.</summary>
public sealed class DatabaseUnavailableException(Exception inner) : Exception("Database unavailable.", inner);
