namespace DocSign.Core.Intake;

/// <summary>The incoming register's storage. Failures to reach the database surface as <see cref="Ports.DatabaseUnavailableException"/>.</summary>
public interface IIncomingLetterRepository
{
    void Add(IncomingLetter letter);
    /// <summary>The letter with its disposisi (tracked, for changes), or null.</summary>
    Task<IncomingLetter?> FindAsync(Guid id, CancellationToken cancellationToken = default);
    /// <summary>The office's register, newest received first, with disposisi.</summary>
    Task<IReadOnlyList<IncomingLetter>> ListAsync(string officeId, int max, CancellationToken cancellationToken = default);
    /// <summary>The letter that started the document's SOP, or null.</summary>
    Task<IncomingLetter?> FindByDocumentAsync(Guid documentId, CancellationToken cancellationToken = default);
    /// <summary>Letters of the given offices that carry a disposisi and have not started a SOP yet.</summary>
    Task<IReadOnlyList<IncomingLetter>> ListOpenWithDisposisiAsync(IReadOnlyCollection<string> officeIds, CancellationToken cancellationToken = default);
    /// <summary>The office's people: user name and role, for the disposisi form.</summary>
    Task<IReadOnlyList<(string UserName, string Role)>> ListMembersAsync(string officeId, CancellationToken cancellationToken = default);
    Task SaveAsync(CancellationToken cancellationToken = default);
}
