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

    /// <summary>
    /// Versions numbered up to this one belong to earlier runs (0 for the first run). A revisi after signing starts a
    /// new run here: the earlier signed version stays, official and valid, and the new run needs its own signature.
    /// </summary>
    public int RunStartsAfter { get; private set; }

    /// <summary>
    /// The generic route (documents outside any SOP run): the final version the Sekcam put to the Camat, or null.
    /// Only this version (or its paraf'd copy) can be signed; a later upload withdraws nothing but is not submitted.
    /// </summary>
    public int? RouteSubmittedVersion { get; private set; }

    /// <summary>The generic route's submission: the newest version, which must be final and of the current run.</summary>
    public DocumentVersion SubmitOnGenericRoute()
    {
        RequireNotSigned();
        var latest = _versions.MaxBy(v => v.Number);
        if (latest is not { Stage: VersionStage.Final })
            throw new Problems.DocSignProblem(Problems.ProblemKind.Conflict, "Versi terbaru belum final. Unggah versi final terlebih dahulu, lalu ajukan kepada Camat.");
        if (RouteSubmittedVersion == latest.Number)
            throw new Problems.DocSignProblem(Problems.ProblemKind.Conflict, $"Versi final {latest.Number} sudah diajukan kepada Camat.");
        RouteSubmittedVersion = latest.Number;
        (RouteReturnNote, RouteReturnedByName, RouteReturnedByRole, RouteReturnedAt) = (null, null, null, null);
        return latest;
    }

    /// <summary>The generic route's return: the Camat sends the submitted final back to the Sekcam with a note (none after signing).</summary>
    public string? RouteReturnNote { get; private set; }
    public string? RouteReturnedByName { get; private set; }
    public string? RouteReturnedByRole { get; private set; }
    public DateTimeOffset? RouteReturnedAt { get; private set; }

    /// <summary>The generic route's return waiting for the Sekcam, or null.</summary>
    public Workflow.ReturnNotice? RouteReturn => RouteReturnNote is null || RouteReturnedAt is null ? null
        : new Workflow.ReturnNotice(RouteReturnedByName ?? "", RouteReturnedByRole, RouteReturnNote, RouteReturnedAt.Value, "");

    /// <summary>
    /// The Camat returns the submitted final version on the generic route: the submission is withdrawn (the Sekcam
    /// submits again after the fix) and the note is kept for the banner. Refused when nothing is submitted or after signing.
    /// </summary>
    public void ReturnOnGenericRoute(string note, string byName, string? byRole, DateTimeOffset at)
    {
        RequireNotSigned();
        if (RouteSubmittedVersion is null)
            throw new Problems.DocSignProblem(Problems.ProblemKind.Conflict, "Belum ada versi final yang diajukan kepada Camat; tidak ada yang dapat dikembalikan.");
        RouteSubmittedVersion = null;
        (RouteReturnNote, RouteReturnedByName, RouteReturnedByRole, RouteReturnedAt) = (note, byName, byRole, at);
    }

    /// <summary>How many revisi runs were started after a signature (0: the first run).</summary>
    public int RevisionCount { get; private set; }

    /// <summary>The signed version of the current run, or null while the run is not signed yet.</summary>
    public DocumentVersion? SignedInCurrentRun =>
        _versions.Where(v => v.Stage == VersionStage.Signed && v.Number > RunStartsAfter).MaxBy(v => v.Number);

    /// <summary>Whether a version belongs to the current run.</summary>
    public bool InCurrentRun(DocumentVersion version) => version.Number > RunStartsAfter;

    /// <summary>
    /// Refuses anything that would supersede the signed version of the current run (a new draft, correction or final):
    /// a change after signing is a revisi (<see cref="StartRevision"/>).
    /// </summary>
    public void RequireNotSigned()
    {
        if (SignedInCurrentRun is { } signed)
            throw new Problems.DocSignProblem(Problems.ProblemKind.Conflict,
                $"Dokumen ini sudah ditandatangani (versi {signed.Number}); versi bertanda tangan adalah versi resmi dan tidak dapat digantikan. "
                + "Untuk memperbaikinya, mulai revisi: revisi membuka putaran baru yang perlu ditandatangani lagi, dan versi bertanda tangan yang lama tetap sah. Tidak ada yang diubah.");
    }

    /// <summary>Starts a revisi after a signature: later versions form a new run. Refused while the current run is unsigned.</summary>
    public void StartRevision()
    {
        if (SignedInCurrentRun is null)
            throw new Problems.DocSignProblem(Problems.ProblemKind.Conflict,
                "Revisi hanya dapat dimulai setelah dokumen ditandatangani; sebelum itu unggah saja versi baru.");
        RunStartsAfter = NextVersionNumber - 1;
        RevisionCount++;
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
