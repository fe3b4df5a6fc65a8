namespace DocSign.Core.Documents;

/// <summary>
/// One immutable upload of a document. The bytes live in object storage under <see cref="ObjectKey"/>,
/// which is never reused or overwritten; <see cref="Sha256"/> is what was hashed while the bytes were stored.
/// </summary>
public sealed class DocumentVersion
{
    public const int MaxNoteLength = 2000;

    private DocumentVersion() { }

    internal DocumentVersion(Guid id, Guid documentId, int number, VersionStage stage, string uploadedBy,
        DateTimeOffset uploadedAt, string? note, long size, string sha256, string objectKey)
    {
        Id = id;
        DocumentId = documentId;
        Number = number;
        Stage = stage;
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
        Note = note;
        Size = size;
        Sha256 = sha256;
        ObjectKey = objectKey;
    }

    public Guid Id { get; private set; }
    public Guid DocumentId { get; private set; }
    public int Number { get; private set; }
    public VersionStage Stage { get; private set; }
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
    public string? Note { get; private set; }
    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the stored bytes.</summary>
    public string Sha256 { get; private set; } = "";
    public string ObjectKey { get; private set; } = "";
}
