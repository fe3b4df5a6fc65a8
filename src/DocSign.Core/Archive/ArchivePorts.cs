namespace DocSign.Core.Archive;

/// <summary>
/// The signature engine, as the archive needs it beyond verification (which is <see cref="Verification.IPdfVerifier"/>:
/// the archive judges a file as every other use case does).
/// </summary>
public interface IArchiveSignatures
{
    /// <summary>Extends the PDF to B-LTA: validation data and a fresh document timestamp, appended as incremental updates.</summary>
    Task<byte[]> AddDocumentTimestampAsync(byte[] pdf, CancellationToken cancellationToken = default);
}

/// <summary>Persistence of archive copies.</summary>
public interface IArchiveRepository
{
    Task<IReadOnlyList<ArchiveCopy>> ListForDocumentAsync(Guid documentId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<ArchiveCopy>> ListForOfficeAsync(string officeId, int max, CancellationToken cancellationToken = default);
    /// <summary>Copies that are current (not superseded), oldest check first, for the integrity and renewal jobs.</summary>
    Task<IReadOnlyList<ArchiveCopy>> ListCurrentAsync(int max, CancellationToken cancellationToken = default);
    /// <summary>Dispatched surat pengantar letters whose document has no archive copy yet.</summary>
    Task<IReadOnlyList<Guid>> FindLettersAwaitingArchiveAsync(int max, CancellationToken cancellationToken = default);
    /// <summary>One copy of the office, tracked (to be changed and saved), or null.</summary>
    Task<ArchiveCopy?> FindAsync(string officeId, Guid copyId, CancellationToken cancellationToken = default);
    /// <summary>Stages a copy; the use case's <see cref="Ports.IUnitOfWork"/> saves it.</summary>
    void Add(ArchiveCopy copy);
}

/// <summary>Deleting an archive object before its retention date is refused; a Permanen (or to-be-appraised) one always.</summary>
public sealed class ArchiveRetentionException(string key, DateOnly? until, bool permanent = false)
    : Ports.ObjectStoreException(permanent
        ? $"Archive object '{key}' is kept permanently (JRA: Permanen or to be appraised); it is never deleted."
        : until is { } u
        ? $"Archive object '{key}' must be kept until {u:yyyy-MM-dd}; it cannot be deleted before."
        : $"Archive object '{key}' has no retention date in its key; it cannot be deleted.")
{
    public DateOnly? RetainUntil { get; } = until;

    /// <summary>The object is never deletable, whatever the date.</summary>
    public bool Permanent { get; } = permanent;
}

/// <summary>Archive keys carry their retention date, so that the store itself can refuse an early delete.</summary>
public static class ArchiveKeys
{
    public const string Prefix = "archive/";

    /// <summary><c>archive/{office}/{year}/{document}/until-{yyyymmdd}/{name}</c>.</summary>
    public static string For(string officeId, int year, Guid documentId, DateOnly retainUntil, string name) =>
        $"{Prefix}{officeId}/{year}/{documentId:N}/until-{retainUntil:yyyyMMdd}/{name}";

    /// <summary>
    /// The key of a copy with a JRA final disposition: Musnah keeps <c>until-{date}</c> (deletable after it, by the
    /// destruction procedure); Permanen is <c>permanen-{date}</c> and Dinilai kembali <c>dinilai-{date}</c>, the date
    /// being when the copy is due for transfer or appraisal. The store refuses to delete the last two, whatever the date.
    /// </summary>
    public static string For(string officeId, int year, Guid documentId, DateOnly due, FinalDisposition disposition, string name) =>
        $"{Prefix}{officeId}/{year}/{documentId:N}/{SegmentPrefix(disposition)}{due:yyyyMMdd}/{name}";

    private static string SegmentPrefix(FinalDisposition d) => d switch
    {
        FinalDisposition.Permanen => "permanen-",
        FinalDisposition.DinilaiKembali => "dinilai-",
        _ => "until-",
    };

    /// <summary>The final disposition a key records (a key from before dispositions is Musnah-like: deletable after its date).</summary>
    public static FinalDisposition DispositionOf(string key)
    {
        foreach (var segment in key.Split('/'))
        {
            if (segment.StartsWith("permanen-", StringComparison.Ordinal)) return FinalDisposition.Permanen;
            if (segment.StartsWith("dinilai-", StringComparison.Ordinal)) return FinalDisposition.DinilaiKembali;
        }
        return FinalDisposition.Musnah;
    }

    /// <summary>When the copy is due for its final disposition (transfer, appraisal or destruction), or null.</summary>
    public static DateOnly? DueOf(string key)
    {
        foreach (var segment in key.Split('/'))
        {
            var dash = segment.IndexOf('-');
            if (dash > 0 && segment[..dash] is "until" or "permanen" or "dinilai" && segment.Length == dash + 9
                && DateOnly.TryParseExact(segment[(dash + 1)..], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
                return d;
        }
        return null;
    }

    /// <summary>The retention date written in an archive key, or null when it has none.</summary>
    public static DateOnly? RetainUntilOf(string key)
    {
        foreach (var segment in key.Split('/'))
        {
            if (segment.StartsWith("until-", StringComparison.Ordinal) && segment.Length == 14
                && DateOnly.TryParseExact(segment[6..], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
                return d;
        }
        return null;
    }
}
