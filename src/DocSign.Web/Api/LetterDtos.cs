using DocSign.Core.Archive;
using DocSign.Core.Letters;

namespace DocSign.Web.Api;

internal sealed record ReceiptDto(string? Sha256, string? ContentType, string? By, DateTimeOffset? At);

internal sealed record LetterDto(
    Guid Id, string Office, int Year, int Sequence, int Insert, string SequenceText, string Number, DateOnly Date, string Classification,
    string Subject, string Sifat, string Addressee, string Kind, string Status, Guid? Document, string? InsertReason,
    string ReservedBy, DateTimeOffset ReservedAt, string? IssuedBy, DateTimeOffset? IssuedAt, string? Sha256, long? Size,
    string? Recipient, string? Channel, string? DispatchedBy, DateTimeOffset? DispatchedAt, ReceiptDto? Receipt,
    string? VoidReason, string? VoidedBy, DateTimeOffset? VoidedAt, string Urgency)
{
    public static LetterDto From(Letter l) => new(
        l.Id, l.OfficeId, l.Year, l.Sequence, l.Insert, NumberTemplate.SequenceText(l.Sequence, l.Insert, InsertStyle.Dot, 0), l.Number, l.LetterDate,
        l.Classification, l.Subject, l.Sifat, l.Addressee, l.Kind, l.Status.ToWire(), l.DocumentId, l.InsertReason,
        l.ReservedBy, l.ReservedAt, l.IssuedBy, l.IssuedAt, l.Sha256, l.Size,
        l.Recipient, l.Channel?.ToWire(), l.DispatchedBy, l.DispatchedAt,
        l.ReceiptKey is null ? null : new ReceiptDto(l.ReceiptSha256, l.ReceiptContentType, l.ReceiptBy, l.ReceiptAt),
        l.VoidReason, l.VoidedBy, l.VoidedAt, l.Urgency);
}

/// <summary>The contract's <c>{number, sequence}</c>, plus the letter's id and the rest of its register line.</summary>
internal sealed record LetterNumberDto(string Number, int Sequence, int Insert, string SequenceText, Guid Id, int Year, DateOnly Date, string Status)
{
    public static LetterNumberDto From(Letter l) => new(l.Number, l.Sequence, l.Insert,
        NumberTemplate.SequenceText(l.Sequence, l.Insert, InsertStyle.Dot, 0), l.Id, l.Year, l.LetterDate, l.Status.ToWire());
}

internal sealed record ArchiveCopyDto(
    Guid Id, string Key, string Sha256, long Size, string Role, Guid Document, Guid? Letter, string Verdict, string RetentionClass, DateOnly RetainUntil,
    DateTimeOffset ArchivedAt, DateTimeOffset? TimestampExpiry, bool WeakAlgorithm, Guid? SupersededBy, Guid? RenewedFrom,
    string Integrity, DateTimeOffset? IntegrityCheckedAt, string? IntegrityDetail)
{
    public static ArchiveCopyDto From(ArchiveCopy c) => new(c.Id, c.Key, c.Sha256, c.Size, c.Role, c.DocumentId, c.LetterId, c.Verdict, c.RetentionClass,
        c.RetainUntil, c.ArchivedAt, c.TimestampExpiry, c.WeakAlgorithm, c.SupersededById, c.RenewedFromId, c.IntegrityStatus, c.IntegrityCheckedAt, c.IntegrityDetail);
}
