using DocSign.Core.Access;
using DocSign.Core.Ports;
using DocSign.Core.Problems;
using DocSign.Core.Offices;

namespace DocSign.Core.Documents;

/// <param name="Max">At most this many (capped at <see cref="ListDocumentsHandler.MaxResults"/>); a dashboard asks for fewer than an export.</param>
public sealed record ListDocumentsRequest(string? Office, string? Year, int? Max = null);

/// <summary>The documents a person may read (the offices they belong to or are assigned to audit), newest year first.</summary>
public sealed class ListDocumentsHandler(IDocumentRepository documents)
{
    public const int MaxResults = 500;

    public async Task<IReadOnlyList<Document>> HandleAsync(Actor actor, ListDocumentsRequest request, CancellationToken cancellationToken = default)
    {
        int? year = null;
        if (!string.IsNullOrWhiteSpace(request.Year))
        {
            if (!int.TryParse(request.Year.Trim(), out var y) || y < 2000 || y > 2100)
                throw DocSignProblem.Invalid("Tahun harus berupa angka tahun yang benar, misalnya 2024.");
            year = y;
        }
        var office = OfficeId.FromOptional(request.Office)?.Value;

        IReadOnlyCollection<string>? offices;
        if (office is not null)
            offices = actor.CanRead(office) ? [office] : [];
        else
            offices = actor.Memberships.Select(m => m.OfficeId).Distinct().ToList();
        if (offices is { Count: 0 }) return [];

        try
        {
            return await documents.ListAsync(offices, year, Math.Clamp(request.Max ?? MaxResults, 1, MaxResults), cancellationToken);
        }
        catch (DatabaseUnavailableException e) { throw DatabaseGuard.Unavailable(e); }
    }
}
