namespace DocSign.Core.Search;

/// <summary>What one search may look into: the offices whose documents, and those whose letters and archive, the person reads.</summary>
/// <param name="DocumentOffices">Offices whose documents (and their signatures) the person reads.</param>
/// <param name="LetterOffices">Offices whose letters and archive copies the person reads; null means every office (the admin).</param>
public sealed record SearchScope(IReadOnlyCollection<string> DocumentOffices, IReadOnlyCollection<string>? LetterOffices);

/// <summary>
/// The search criteria as the index applies them: each of <paramref name="Words"/> (lower case) must appear inside a
/// document title, a letter number or subject, or a signer's name; <paramref name="Year"/> is the document's or letter's year.
/// </summary>
public sealed record SearchCriteria(IReadOnlyList<string> Words, int? Year);

/// <summary>What a found record is.</summary>
public enum SearchHitKind { Document, Letter, ArchiveCopy }

/// <summary>
/// One record found. <paramref name="Title"/> is the document title (for a letter, its subject);
/// <paramref name="Signers"/> are the names of the people who signed the document (paraf included).
/// </summary>
public sealed record SearchHit(
    SearchHitKind Kind, Guid Id, string OfficeId, int Year, string Title, Guid? DocumentId, Guid? LetterId,
    string? LetterNumber, DateOnly? LetterDate, IReadOnlyList<string> Signers, string? Verdict, string? ArchiveRole);

/// <summary>Finds documents, letters and archive copies inside a scope (EF Core in production, on SQLite and PostgreSQL).</summary>
public interface ISearchIndex
{
    /// <summary>
    /// Every match inside <paramref name="scope"/>, at most <paramref name="max"/> of each kind, newest year first and
    /// then by title; nothing outside the scope, whatever the criteria.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> FindAsync(SearchScope scope, SearchCriteria criteria, int max, CancellationToken cancellationToken = default);
}
