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
    /// <summary>Stages a copy; the use case's <see cref="Ports.IUnitOfWork"/> saves it.</summary>
    void Add(ArchiveCopy copy);
}

/// <summary>Deleting an archive object before its retention date is refused.</summary>
public sealed class ArchiveRetentionException(string key, DateOnly? until)
    : Ports.ObjectStoreException(until is { } u
        ? $"Archive object '{key}' must be kept until {u:yyyy-MM-dd}; it cannot be deleted before."
        : $"Archive object '{key}' has no retention date in its key; it cannot be deleted.")
{
    public DateOnly? RetainUntil { get; } = until;
}

/// <summary>Archive keys carry their retention date, so that the store itself can refuse an early delete.</summary>
public static class ArchiveKeys
{
    public const string Prefix = "archive/";

    /// <summary><c>archive/{office}/{year}/{document}/until-{yyyymmdd}/{name}</c>.</summary>
    public static string For(string officeId, int year, Guid documentId, DateOnly retainUntil, string name) =>
        $"{Prefix}{officeId}/{year}/{documentId:N}/until-{retainUntil:yyyyMMdd}/{name}";

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

/// <summary>Bound from <c>DocSign:Archive</c>.</summary>
public sealed class ArchiveOptions
{
    public const string Section = "DocSign:Archive";
    public TimeSpan ArchivePollInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan IntegrityInterval { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan RenewalInterval { get; set; } = TimeSpan.FromHours(24);
    /// <summary>A copy is renewed when its newest timestamp's certificate expires within this time.</summary>
    public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromDays(365);
}
