namespace DocSign.Core.Documents;

/// <summary>An LKjIP (or related performance document) of one office for one year, with its numbered versions.</summary>
public sealed class Document
{
    public const int MaxKindLength = 64;
    public const int MaxTitleLength = 300;
    public const int MaxInstructionLength = 2000;
    public const int MaxAttachmentNameLength = 255;

    private readonly List<DocumentVersion> _versions = new();

    private Document() { }

    public Document(Guid id, string officeId, int year, string kind, string title, string createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        OfficeId = officeId;
        Year = year;
        Kind = kind;
        Title = title;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string OfficeId { get; private set; } = "";
    public int Year { get; private set; }
    public string Kind { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The order (perintah / disposisi) the document was started from, as typed; null for documents started from a file.</summary>
    public string? Instruction { get; private set; }
    /// <summary>The order's attachment (e.g. the scanned disposisi sheet): kept beside the document, never one of its versions.</summary>
    public string? AttachmentName { get; private set; }
    public string? AttachmentKey { get; private set; }
    public string? AttachmentSha256 { get; private set; }
    public long? AttachmentSize { get; private set; }

    public IReadOnlyList<DocumentVersion> Versions => _versions;

    /// <summary>Records the order the document starts from and its optional attachment (set once, at creation).</summary>
    public void RecordOrder(string? instruction, string? attachmentName, string? attachmentKey, string? attachmentSha256, long? attachmentSize)
    {
        Instruction = instruction;
        (AttachmentName, AttachmentKey, AttachmentSha256, AttachmentSize) = (attachmentName, attachmentKey, attachmentSha256, attachmentSize);
    }

    /// <summary>The number the next version gets: versions are numbered 1..n without gaps.</summary>
    public int NextVersionNumber => _versions.Count == 0 ? 1 : _versions.Max(v => v.Number) + 1;

    public DocumentVersion AddVersion(Guid id, VersionStage stage, string uploadedBy, DateTimeOffset uploadedAt,
        string? note, long size, string sha256, string objectKey, int number)
    {
        var version = new DocumentVersion(id, Id, number, stage, uploadedBy, uploadedAt, note, size, sha256, objectKey);
        _versions.Add(version);
        return version;
    }
}
