using DocSign.Core.Access;

namespace DocSign.Core.Archive;

/// <summary>What the archive page names its copies by: each archived document's title and year, and each letter's number.</summary>
public sealed record ArchiveNames(IReadOnlyDictionary<Guid, ArchivedDocumentName> Documents, IReadOnlyDictionary<Guid, string> LetterNumbers);

public sealed record ArchivedDocumentName(string Title, int Year);

/// <summary>The titles and letter numbers behind an office's archive copies (EF Core in production).</summary>
public interface IArchiveNames
{
    Task<ArchiveNames> ForOfficeAsync(string officeId, CancellationToken cancellationToken = default);
}

/// <summary>One archived document: its title, the letter that sent it, and its copies (signed document, cover letter, manifest).</summary>
/// <param name="Document">The signed document's copy (null when only other objects are left, e.g. after a destruction).</param>
public sealed record ArchiveShelfEntry(Guid DocumentId, string Title, int? Year, Guid? LetterId, string? LetterNumber, ArchiveCopy? Document,
    IReadOnlyList<ArchiveCopy> Copies)
{
    /// <summary>The verdict shown first: the signed document's, when it was archived.</summary>
    public string? Verdict => Document?.Verdict;

    /// <summary>A copy of this document whose last check found it changed or gone.</summary>
    public bool Damaged => Copies.Any(c => c.IntegrityStatus is IntegrityStatus.Mismatch or IntegrityStatus.Missing);

    public DateTimeOffset ArchivedAt => Copies.Max(c => c.ArchivedAt);
}

/// <summary>
/// The office's archive as people look for it: by document title, with the signature verdict first and the objects
/// (keys, hashes) behind it. The same copies and the same rule as <see cref="ListArchiveHandler"/>; damaged documents first.
/// </summary>
public sealed class ListArchiveShelfHandler(ListArchiveHandler list, IArchiveNames names)
{
    public async Task<(IReadOnlyList<ArchiveShelfEntry> Entries, IReadOnlyList<ArchiveCopy> Copies)> HandleAsync(Actor actor, string officeId,
        CancellationToken cancellationToken = default)
    {
        var copies = await list.HandleAsync(actor, officeId, cancellationToken);
        var named = await Problems.DatabaseGuard.RunAsync(() => names.ForOfficeAsync(Offices.OfficeIds.Normalize(officeId), cancellationToken));
        var entries = copies.GroupBy(c => c.DocumentId).Select(g =>
            {
                var current = g.Where(c => c.SupersededById is null).ToList();
                var document = current.Where(c => c.Role == ArchiveRoles.Document).MaxBy(c => c.ArchivedAt)
                               ?? g.Where(c => c.Role == ArchiveRoles.Document).MaxBy(c => c.ArchivedAt);
                var letterId = g.Select(c => c.LetterId).FirstOrDefault(l => l is not null);
                var name = named.Documents.GetValueOrDefault(g.Key);
                return new ArchiveShelfEntry(g.Key, name?.Title ?? "Dokumen tanpa judul", name?.Year, letterId,
                    letterId is { } l ? named.LetterNumbers.GetValueOrDefault(l) : null, document,
                    g.OrderBy(c => RoleOrder(c.Role)).ThenByDescending(c => c.ArchivedAt).ToList());
            })
            .OrderBy(e => e.Damaged ? 0 : 1).ThenByDescending(e => e.ArchivedAt).ThenBy(e => e.Title, StringComparer.Ordinal).ToList();
        return (entries, copies);
    }

    private static int RoleOrder(string role) => role switch
    {
        ArchiveRoles.Document => 0,
        ArchiveRoles.CoverLetter => 1,
        ArchiveRoles.Manifest => 2,
        _ => 3,
    };
}
