using DocSign.Core.Audit;

namespace DocSign.Core.Letters;

/// <summary>
/// A letter made for the number the register gave, and the audit event that records it. The register stages the
/// event in the transaction that takes the number, so the register line and its audit entry exist together or not at all.
/// </summary>
public sealed record NumberedLetter(Letter Letter, AuditEvent Numbered);

/// <summary>
/// At most <paramref name="Max"/> numbers a day per person: letters of the office reserved by
/// <paramref name="ReservedBy"/> with the letter date <paramref name="Day"/> (nomor sisipan not counted).
/// </summary>
public sealed record ReservationQuota(string ReservedBy, DateOnly Day, int Max)
{
    public DocSign.Core.Problems.DocSignProblem Refusal() => new(DocSign.Core.Problems.ProblemKind.Throttled,
        $"Batas harian pengambilan nomor surat tercapai: Anda sudah mengambil {Max} nomor hari ini. Tidak ada nomor yang terpakai; " +
        "coba lagi besok, atau minta admin menaikkan batasnya (DocSign:Letters:DailyReservationsPerUser).");
}

/// <summary>
/// The outgoing-letter register (buku agenda surat keluar) in the database. Numbers are taken only through
/// <see cref="ReserveAsync"/> and <see cref="ReserveInsertAsync"/>: each runs one transaction that locks the
/// office-year counter row, takes the next number and inserts the letter (and whatever the caller staged, e.g. the
/// audit event) before it commits; a failure anywhere rolls all of it back, so no number is skipped.
/// The letter returned is tracked by the caller's unit of work, so a change to it is saved by <see cref="SaveAsync"/>.
/// </summary>
public interface ILetterRegister
{
    /// <summary>
    /// Takes the next running number of <paramref name="officeId"/> in <paramref name="year"/>, unless a letter with
    /// <paramref name="idempotencyKey"/> already exists for the office, which is then returned with Created=false
    /// and no number is taken. <paramref name="create"/> runs inside the locked transaction with the new number; it
    /// may run on another thread than the caller's (requests queued at the same moment are numbered together in one
    /// transaction), so it must only build the letter and its event from what it captured, not touch the caller's services.
    /// A <paramref name="create"/> that throws fails only its own request, and its number goes to the next one.
    /// </summary>
    /// <para>With <paramref name="quota"/>, the letters its person already reserved that day are counted under the same
    /// lock, so parallel requests cannot pass the cap together; a request over it fails with the quota's refusal and
    /// takes no number (a replay of an idempotency key is answered before and is never refused).</para>
    Task<(Letter Letter, bool Created)> ReserveAsync(string officeId, int year, string? idempotencyKey,
        Func<int, NumberedLetter> create, CancellationToken cancellationToken = default, ReservationQuota? quota = null);

    /// <summary>
    /// Takes the next nomor sisipan after <paramref name="afterSequence"/> (which must already be given) under the same lock.
    /// <paramref name="create"/> gets the insert number (1, 2, ...). Returns null when <paramref name="afterSequence"/>
    /// has not been given yet in that year.
    /// </summary>
    Task<Letter?> ReserveInsertAsync(string officeId, int year, int afterSequence, Func<int, NumberedLetter> create, CancellationToken cancellationToken = default);

    /// <summary>
    /// The dates a nomor sisipan after <paramref name="afterSequence"/> must lie between: the latest date among the
    /// letters already numbered <paramref name="afterSequence"/> (the base and its earlier sisipan), and the earliest
    /// date among the letters numbered after it (null when there is none yet).
    /// </summary>
    Task<(DateOnly? NotBefore, DateOnly? NotAfter)> InsertBoundsAsync(string officeId, int year, int afterSequence, CancellationToken cancellationToken = default);

    Task<Letter?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The office's letters, newest first, optionally of one year and status.</summary>
    Task<IReadOnlyList<Letter>> ListAsync(string officeId, int? year, LetterStatus? status, int max, CancellationToken cancellationToken = default);

    /// <summary>Every letter that covers <paramref name="documentId"/>.</summary>
    Task<IReadOnlyList<Letter>> ListForDocumentAsync(Guid documentId, CancellationToken cancellationToken = default);

    /// <summary>Saves changes to a tracked letter together with staged audit events.</summary>
    Task SaveAsync(CancellationToken cancellationToken = default);

    Task<LetterTemplate?> FindTemplateAsync(string officeId, CancellationToken cancellationToken = default);

    /// <summary>Stores an office's template (new, or replacing the one there) together with staged audit events.</summary>
    Task SaveTemplateAsync(LetterTemplate template, bool isNew, CancellationToken cancellationToken = default);

    /// <summary>
    /// Documents of offices that number on signing (<see cref="LetterTemplate.AutoNumberOnSigning"/>, sealed by the office
    /// e-seal) that have a signed version but no issued (or later) surat pengantar yet; oldest first.
    /// </summary>
    Task<IReadOnlyList<Guid>> FindDocumentsAwaitingCoverLetterAsync(int max, CancellationToken cancellationToken = default);
}
