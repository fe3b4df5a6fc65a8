using System.Globalization;
using DocSign.Core.Access;
using DocSign.Core.Problems;

namespace DocSign.Core.Search;

/// <param name="Query">Words (each must appear) from a title, a letter number, a subject or a signer's name; a year alone ("2024") searches by year.</param>
/// <param name="Year">Only records of this year (text, as typed).</param>
/// <param name="Page">1-based page of <see cref="SearchRecordsHandler.PageSize"/> results.</param>
public sealed record SearchRequest(string? Query, string? Year, int? Page = null);

/// <summary>One page of results, with whether a next page exists and whether the search hit its ceiling.</summary>
public sealed record SearchResults(string? Query, int? Year, int Page, int PageSize, int Total, IReadOnlyList<SearchHit> Hits, bool Truncated)
{
    public bool HasMore => Page * PageSize < Total;
}

/// <summary>
/// Searches what the person may read, and only that: the documents (title, signer) of the offices they belong to or
/// audit, and the letters (number, subject) and archive copies of those offices (every office's letters and archive
/// for the admin, who reads no document). Another office's records never appear, whatever is typed.
/// </summary>
public sealed class SearchRecordsHandler(ISearchIndex index)
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 100;
    /// <summary>At most this many matches of each kind are gathered; more asks the person to narrow the search.</summary>
    public const int MaxPerKind = 500;

    public async Task<SearchResults> HandleAsync(Actor actor, SearchRequest request, CancellationToken cancellationToken = default)
    {
        var text = string.IsNullOrWhiteSpace(request.Query) ? null : string.Join(' ', request.Query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text is { Length: > MaxQueryLength })
            throw DocSignProblem.Invalid($"Kata pencarian terlalu panjang (paling banyak {MaxQueryLength} huruf).");
        var year = ParseYear(request.Year);
        if (year is null && text is not null && text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var typed) && IsYear(typed))
            (year, text) = (typed, null);
        if (text is null && year is null)
            throw DocSignProblem.Invalid("Isi kata pencarian (judul, nomor surat atau nama penanda tangan) atau tahun.");
        var page = request.Page is null or < 1 ? 1 : request.Page.Value;

        var scope = ScopeOf(actor);
        if (scope.DocumentOffices.Count == 0 && scope.LetterOffices is { Count: 0 })
            return new SearchResults(text, year, page, PageSize, 0, [], false);

        var hits = await DatabaseGuard.RunAsync(() => index.FindAsync(scope, new SearchCriteria(text is null ? [] : text.ToLowerInvariant().Split(' '), year), MaxPerKind, cancellationToken));
        var ordered = hits
            .OrderByDescending(h => h.Year).ThenBy(h => h.Title, StringComparer.OrdinalIgnoreCase).ThenBy(h => h.Kind).ThenBy(h => h.LetterNumber, StringComparer.Ordinal)
            .ThenBy(h => h.Id).ToList();
        var truncated = hits.GroupBy(h => h.Kind).Any(g => g.Count() >= MaxPerKind);
        return new SearchResults(text, year, page, PageSize, ordered.Count, ordered.Skip((page - 1) * PageSize).Take(PageSize).ToList(), truncated);
    }

    /// <summary>The offices the person reads: members and auditors their own offices; the admin every office's letters and archive.</summary>
    public static SearchScope ScopeOf(Actor actor)
    {
        var offices = actor.Memberships.Select(m => m.OfficeId).Distinct(StringComparer.Ordinal).ToList();
        return new SearchScope(offices, actor.IsAdministrator ? null : offices);
    }

    private static int? ParseYear(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || !IsYear(y))
            throw DocSignProblem.Invalid("Tahun harus berupa angka tahun yang benar, misalnya 2024.");
        return y;
    }

    private static bool IsYear(int y) => y is >= 2000 and <= 2100;
}
