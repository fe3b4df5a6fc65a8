namespace DocSign.Core.Archive;

/// <summary>What an archived object is.</summary>
public static class ArchiveRoles
{
    public const string Document = "naskah";
    public const string CoverLetter = "surat-pengantar";
    public const string Manifest = "manifest";
    /// <summary>The sealed berita acara pemusnahan of a destroyed copy (kept permanently).</summary>
    public const string DestructionRecord = "berita-acara-pemusnahan";
}

/// <summary>Result of the last integrity check of an archive object.</summary>
public static class IntegrityStatus
{
    public const string Unchecked = "unchecked";
    public const string Ok = "ok";
    public const string Mismatch = "mismatch";
    public const string Missing = "missing";
}

/// <summary>
/// One object in the archive area of object storage (key prefix <c>archive/</c>): a copy of the signed document or
/// of its surat pengantar, or the manifest that lists them. The hash is taken when the copy is made and checked
/// again by the integrity job; the object cannot be deleted before <see cref="RetainUntil"/>.
/// </summary>
public sealed class ArchiveCopy
{
    private ArchiveCopy() { }

    public ArchiveCopy(Guid id, string officeId, Guid documentId, Guid? letterId, string role, string key, string sha256, long size,
        string verdict, string retentionClass, DateOnly retainUntil, DateTimeOffset archivedAt, DateTimeOffset? timestampExpiry, bool weakAlgorithm,
        Guid? renewedFromId = null)
    {
        Id = id;
        OfficeId = officeId;
        DocumentId = documentId;
        LetterId = letterId;
        Role = role;
        Key = key;
        Sha256 = sha256;
        Size = size;
        Verdict = verdict;
        RetentionClass = retentionClass;
        RetainUntil = retainUntil;
        ArchivedAt = archivedAt;
        TimestampExpiry = timestampExpiry;
        WeakAlgorithm = weakAlgorithm;
        RenewedFromId = renewedFromId;
        IntegrityStatus = Archive.IntegrityStatus.Unchecked;
    }

    public Guid Id { get; private set; }
    public string OfficeId { get; private set; } = "";
    public Guid DocumentId { get; private set; }
    public Guid? LetterId { get; private set; }
    /// <summary>One of <see cref="ArchiveRoles"/>.</summary>
    public string Role { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public long Size { get; private set; }
    /// <summary>The verifier's verdict when the copy was made (VALID, INVALID, INDETERMINATE; "-" for the manifest).</summary>
    public string Verdict { get; private set; } = "";
    public string RetentionClass { get; private set; } = "";
    public DateOnly RetainUntil { get; private set; }
    public DateTimeOffset ArchivedAt { get; private set; }

    /// <summary>When the certificate of the newest timestamp in the file expires (null: no timestamp).</summary>
    public DateTimeOffset? TimestampExpiry { get; private set; }
    /// <summary>The newest timestamp or a signature uses an algorithm that is weakening (SHA-1, RSA below 2048 bits).</summary>
    public bool WeakAlgorithm { get; private set; }
    /// <summary>Set when a renewal made a newer copy (with a fresh document timestamp) that takes this one's place.</summary>
    public Guid? SupersededById { get; private set; }
    /// <summary>The copy this one renews (fresh B-LTA document timestamp over it).</summary>
    public Guid? RenewedFromId { get; private set; }

    public string IntegrityStatus { get; private set; } = "";
    public DateTimeOffset? IntegrityCheckedAt { get; private set; }
    public string? IntegrityDetail { get; private set; }

    public void RecordIntegrity(string status, string? detail, DateTimeOffset at)
    {
        IntegrityStatus = status;
        IntegrityDetail = detail is { Length: > 500 } ? detail[..500] : detail;
        IntegrityCheckedAt = at;
    }

    public void SupersedeBy(Guid newer) => SupersededById = newer;

    /// <summary>When the object was destroyed (JRA Musnah, approved by the Camat); the row stays as its tombstone.</summary>
    public DateTimeOffset? DestroyedAt { get; private set; }
    public string? DestroyedBy { get; private set; }
    /// <summary>The archive key of the sealed berita acara pemusnahan that records the destruction.</summary>
    public string? DestructionRecordKey { get; private set; }

    public bool IsDestroyed => DestroyedAt is not null;

    public void MarkDestroyed(string by, DateTimeOffset at, string recordKey)
    {
        DestroyedAt = at;
        DestroyedBy = by;
        DestructionRecordKey = recordKey;
    }
}
