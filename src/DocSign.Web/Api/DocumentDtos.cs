using DocSign.Core.Documents;

namespace DocSign.Web.Api;

internal sealed record VersionDto(int Number, string Stage, string Sha256, long Size, string By, DateTimeOffset At, string? Note)
{
    public static VersionDto From(DocumentVersion v) => new(v.Number, v.Stage.ToWire(), v.Sha256, v.Size, v.UploadedBy, v.UploadedAt, v.Note);
}

/// <param name="Letters">Cover letters for this document (filled by the letters work; empty until then).</param>
/// <param name="Archive">Archive copies (key, sha256); null until the document is archived.</param>
internal sealed record DocumentDto(
    Guid Id, string Office, int Year, string Kind, string Title, string CreatedBy, DateTimeOffset CreatedAt,
    IReadOnlyList<VersionDto> Versions, IReadOnlyList<object> Letters, IReadOnlyList<ArchiveDto>? Archive)
{
    public static DocumentDto From(Document d) => new(
        d.Id, d.OfficeId, d.Year, d.Kind, d.Title, d.CreatedBy, d.CreatedAt,
        d.Versions.OrderBy(v => v.Number).Select(VersionDto.From).ToList(), [], null);
}

internal sealed record ArchiveDto(string Key, string Sha256);

internal sealed record DocumentSummaryDto(Guid Id, string Office, int Year, string Kind, string Title, DateTimeOffset CreatedAt, VersionDto? Latest)
{
    public static DocumentSummaryDto From(Document d) => new(d.Id, d.OfficeId, d.Year, d.Kind, d.Title, d.CreatedAt,
        d.Versions.OrderByDescending(v => v.Number).Select(VersionDto.From).FirstOrDefault());
}
