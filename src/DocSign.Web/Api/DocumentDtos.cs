using DocSign.Core.Documents;

namespace DocSign.Web.Api;

internal sealed record VersionDto(int Number, string Stage, string Sha256, long Size, string By, DateTimeOffset At, string? Note)
{
    public static VersionDto From(DocumentVersion v) => new(v.Number, v.Stage.ToWire(), v.Sha256, v.Size, v.UploadedBy, v.UploadedAt, v.Note);
}

/// <param name="Letters">Letters of the register that cover this document (its surat pengantar).</param>
/// <param name="Archive">Archive copies (key, sha256, ...); null until the document is archived.</param>
internal sealed record DocumentDto(
    Guid Id, string Office, int Year, string Kind, string Title, string CreatedBy, DateTimeOffset CreatedAt,
    IReadOnlyList<VersionDto> Versions, IReadOnlyList<LetterDto> Letters, IReadOnlyList<ArchiveDto>? Archive, OrderDto? Order = null)
{
    public static DocumentDto From(Document d) => From(d, [], []);

    public static DocumentDto From(Document d, IReadOnlyList<DocSign.Core.Letters.Letter> letters, IReadOnlyList<DocSign.Core.Archive.ArchiveCopy> archive) => new(
        d.Id, d.OfficeId, d.Year, d.Kind, d.Title, d.CreatedBy, d.CreatedAt,
        d.Versions.OrderBy(v => v.Number).Select(VersionDto.From).ToList(), letters.Select(LetterDto.From).ToList(),
        archive.Count == 0 ? null : archive.Select(ArchiveDto.From).ToList(), OrderDto.From(d));
}

/// <summary>The order (perintah / disposisi) a document started from, and its attachment (never a version); null when it started from a file.</summary>
internal sealed record OrderDto(string? Instruction, string? AttachmentName, string? AttachmentSha256, long? AttachmentSize)
{
    public static OrderDto? From(Document d) => d.Instruction is null && d.AttachmentKey is null ? null
        : new(d.Instruction, d.AttachmentName, d.AttachmentSha256, d.AttachmentSize);
}

/// <summary>An archive copy as the document lists it: the contract's key and sha256, and what it is.</summary>
internal sealed record ArchiveDto(string Key, string Sha256, long Size, string Role, string Verdict, DateOnly RetainUntil, string Integrity, bool Current)
{
    public static ArchiveDto From(DocSign.Core.Archive.ArchiveCopy c) =>
        new(c.Key, c.Sha256, c.Size, c.Role, c.Verdict, c.RetainUntil, c.IntegrityStatus, c.SupersededById is null);
}

internal sealed record DocumentSummaryDto(Guid Id, string Office, int Year, string Kind, string Title, DateTimeOffset CreatedAt, VersionDto? Latest)
{
    public static DocumentSummaryDto From(Document d) => new(d.Id, d.OfficeId, d.Year, d.Kind, d.Title, d.CreatedAt,
        d.Versions.OrderByDescending(v => v.Number).Select(VersionDto.From).FirstOrDefault());
}
