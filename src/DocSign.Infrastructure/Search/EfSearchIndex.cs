using DocSign.Core.Archive;
using DocSign.Core.Letters;
using DocSign.Core.Search;
using DocSign.Core.Signing;
using DocSign.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DocSign.Infrastructure.Search;

/// <summary>
/// The search as SQL that SQLite and PostgreSQL both run: the office scope is applied first, then the year, then the
/// text word by word, each a case-insensitive substring (<c>lower(column)</c> containing the lower-case word). Each kind is ordered by
/// year (an integer, ordered alike on both providers) and capped; the handler merges and pages them.
/// </summary>
internal sealed class EfSearchIndex(DocSignDbContext db) : ISearchIndex
{
    public Task<IReadOnlyList<SearchHit>> FindAsync(SearchScope scope, SearchCriteria criteria, int max, CancellationToken cancellationToken = default) =>
        DatabaseFaults.GuardAsync(async () =>
        {
            var year = criteria.Year;
            var signatures = db.Set<SignatureRecord>().AsNoTracking();
            var hits = new List<SearchHit>();

            var docOffices = scope.DocumentOffices;
            if (docOffices.Count > 0)
            {
                var documents = db.Documents.AsNoTracking().Where(d => docOffices.Contains(d.OfficeId));
                if (year is not null) documents = documents.Where(d => d.Year == year);
                foreach (var word in criteria.Words)
                    documents = documents.Where(d => d.Title.ToLower().Contains(word)
                                                     || signatures.Any(s => s.DocumentId == d.Id && s.SignerName.ToLower().Contains(word)));
                var rows = await documents.OrderByDescending(d => d.Year).Take(max)
                    .Select(d => new { d.Id, d.OfficeId, d.Year, d.Title }).ToListAsync(cancellationToken);
                hits.AddRange(rows.Select(d => new SearchHit(SearchHitKind.Document, d.Id, d.OfficeId, d.Year, d.Title, d.Id, null, null, null, [], null, null)));
            }

            var letterOffices = scope.LetterOffices;
            if (letterOffices is null || letterOffices.Count > 0)
            {
                var letters = db.Set<Letter>().AsNoTracking();
                if (letterOffices is not null) letters = letters.Where(l => letterOffices.Contains(l.OfficeId));
                if (year is not null) letters = letters.Where(l => l.Year == year);
                foreach (var word in criteria.Words)
                    letters = letters.Where(l => l.Number.ToLower().Contains(word) || l.Subject.ToLower().Contains(word));
                var rows = await letters.OrderByDescending(l => l.Year).Take(max)
                    .Select(l => new { l.Id, l.OfficeId, l.Year, l.Subject, l.DocumentId, l.Number, l.LetterDate }).ToListAsync(cancellationToken);
                hits.AddRange(rows.Select(l => new SearchHit(SearchHitKind.Letter, l.Id, l.OfficeId, l.Year, l.Subject, l.DocumentId, l.Id, l.Number, l.LetterDate, [], null, null)));

                var copies = db.Set<ArchiveCopy>().AsNoTracking()
                    .Where(c => c.SupersededById == null && (c.Role == ArchiveRoles.Document || c.Role == ArchiveRoles.CoverLetter));
                if (letterOffices is not null) copies = copies.Where(c => letterOffices.Contains(c.OfficeId));
                var archived =
                    from c in copies
                    join d in db.Documents.AsNoTracking() on c.DocumentId equals d.Id
                    join l in db.Set<Letter>().AsNoTracking() on c.LetterId equals (Guid?)l.Id into letterOf
                    from l in letterOf.DefaultIfEmpty()
                    select new { Copy = c, d.Year, d.Title, Number = l == null ? null : l.Number, LetterDate = l == null ? (DateOnly?)null : l.LetterDate };
                if (year is not null) archived = archived.Where(a => a.Year == year);
                foreach (var word in criteria.Words)
                    archived = archived.Where(a => a.Title.ToLower().Contains(word)
                                                   || (a.Number != null && a.Number.ToLower().Contains(word))
                                                   || signatures.Any(s => s.DocumentId == a.Copy.DocumentId && s.SignerName.ToLower().Contains(word)));
                var rows2 = await archived.OrderByDescending(a => a.Year).Take(max)
                    .Select(a => new { a.Copy.Id, a.Copy.OfficeId, a.Year, a.Title, a.Copy.DocumentId, a.Copy.LetterId, a.Number, a.LetterDate, a.Copy.Verdict, a.Copy.Role })
                    .ToListAsync(cancellationToken);
                hits.AddRange(rows2.Select(a => new SearchHit(SearchHitKind.ArchiveCopy, a.Id, a.OfficeId, a.Year, a.Title, a.DocumentId, a.LetterId, a.Number, a.LetterDate, [],
                    a.Verdict, a.Role)));
            }

            // The signers' names of every document a hit points at (one query), for the result lines.
            var documentIds = hits.Where(h => h.DocumentId is not null).Select(h => h.DocumentId!.Value).Distinct().ToList();
            if (documentIds.Count == 0) return (IReadOnlyList<SearchHit>)hits;
            var signers = (await signatures.Where(s => documentIds.Contains(s.DocumentId)).Select(s => new { s.DocumentId, s.SignerName, s.VersionNumber })
                    .ToListAsync(cancellationToken))
                .GroupBy(s => s.DocumentId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(s => s.VersionNumber).Select(s => s.SignerName).Distinct(StringComparer.Ordinal).ToList());
            return hits.Select(h => h.DocumentId is { } id && signers.TryGetValue(id, out var names) ? h with { Signers = names } : h).ToList();
        });
}
