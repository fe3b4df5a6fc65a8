using DocSign.Core.Access;
using DocSign.Core.Documents;
using DocSign.Core.Problems;

namespace DocSign.Core.Workflow;

/// <summary>
/// One document's run through its office's SOP: the current step, its deadline, and an append-only log of
/// what was done, by whom and when. Every change goes through a guarded transition (<see cref="Advance"/>,
/// <see cref="Return"/>, <see cref="RecordSignature"/>, the review findings); a refused transition throws a
/// <see cref="DocSignProblem"/> before anything is changed.
/// </summary>
public sealed class WorkflowInstance
{
    public const int MaxNoteLength = 2000;

    private readonly List<WorkflowLogEntry> _log = new();
    private readonly List<ReviewFinding> _findings = new();

    private WorkflowInstance() { }

    private WorkflowInstance(Guid id, Guid documentId, string officeId, string templateKey)
    {
        Id = id;
        DocumentId = documentId;
        OfficeId = officeId;
        TemplateKey = templateKey;
    }

    public Guid Id { get; private set; }
    public Guid DocumentId { get; private set; }
    public string OfficeId { get; private set; } = "";
    public string TemplateKey { get; private set; } = "";
    public WorkflowStatus Status { get; private set; }
    /// <summary>Index into the template's steps; equals the step count once completed.</summary>
    public int CurrentStepIndex { get; private set; }
    /// <summary>Id of the current step; empty once completed.</summary>
    public string CurrentStepId { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset StepStartedAt { get; private set; }
    /// <summary>When the current step is due by its Waktu, in the office's working time (null: no time standard).</summary>
    public DateTimeOffset? StepDeadline { get; private set; }
    /// <summary>
    /// <see cref="StepDeadline"/> as UTC ticks: compared and ordered in SQL on every provider (SQLite cannot compare
    /// DateTimeOffset columns in queries).
    /// </summary>
    public long? StepDeadlineTicks { get; private set; }
    /// <summary>Set once by the overdue check when the current step passed its deadline; cleared when the step changes.</summary>
    public bool StepOverdue { get; private set; }
    /// <summary>The final version put to the Camat by the submit step; what the sign step signs.</summary>
    public int? SubmittedVersionNumber { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    /// <summary>The version the reviewer (Inspektorat) closed the review on: the only version the submit step may put to the Camat.</summary>
    public int? ReviewedVersionNumber { get; private set; }
    /// <summary>
    /// The return now waiting for its receiver (the holder of the step it went back to), for the banner on the document
    /// and on the receiver's dashboard: who returned it (name and office role at the time), why and when. Cleared when
    /// the step is done again (or a revisi starts).
    /// </summary>
    public string? ReturnNote { get; private set; }
    public string? ReturnedByName { get; private set; }
    public string? ReturnedByRole { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }

    /// <summary>The return waiting for its receiver, or null.</summary>
    public ReturnNotice? PendingReturn => ReturnNote is null || ReturnedAt is null ? null
        : new ReturnNotice(ReturnedByName ?? "", ReturnedByRole, ReturnNote, ReturnedAt.Value, CurrentStepId);

    /// <summary>1 for the first run; each revisi after a signature starts the next run on the same document.</summary>
    public int Run { get; private set; } = 1;
    /// <summary>Optimistic concurrency: bumped by every transition so that two people cannot both move the same step.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<WorkflowLogEntry> Log => _log;
    public IReadOnlyList<ReviewFinding> Findings => _findings;

    /// <summary>A new run, at the SOP's first step.</summary>
    public static WorkflowInstance Start(SopDefinition sop, Document document, Actor startedBy, DateTimeOffset now, WorkingCalendar calendar)
    {
        var instance = new WorkflowInstance(Guid.NewGuid(), document.Id, document.OfficeId, sop.Key) { StartedAt = now };
        instance.EnterStep(sop, 0, now, calendar);
        instance.Append(WorkflowLogKinds.Started, sop.Steps[0].Id, startedBy, now, document.Versions.Count > 0 ? document.Versions.Max(v => v.Number) : null, null);
        return instance;
    }

    public SopStep? CurrentStep(SopDefinition sop) => Status == WorkflowStatus.Running ? sop.Steps[CurrentStepIndex] : null;

    /// <summary>
    /// Completes the current step and moves to the next: only the step named (so two people cannot skip ahead
    /// by racing), only by a person holding one of its roles, only when the document is at the right stage for
    /// the step's actions. Returns the log entry written.
    /// </summary>
    public WorkflowLogEntry Advance(SopDefinition sop, OfficeWorkflow mapping, Document document, Actor actor, string? stepId,
        string? note, int? versionNumber, DateTimeOffset now, WorkingCalendar calendar)
    {
        var step = RequireCurrent(sop, stepId);
        RequireRole(mapping, actor, step);
        note = CleanNote(note, required: false);

        if (step.IsSign)
            throw new DocSignProblem(ProblemKind.Conflict,
                "Langkah penandatanganan diselesaikan dengan menandatangani dokumen (Penandatanganan), bukan dengan menandai langkah selesai.");

        var recorded = versionNumber is null ? null : document.Versions.FirstOrDefault(v => v.Number == versionNumber)
            ?? throw DocSignProblem.Invalid($"Versi {versionNumber} tidak ada pada dokumen ini.");
        var latest = document.Versions.OrderByDescending(v => v.Number).FirstOrDefault();

        if (step.Has(WorkflowActions.UploadDraft))
        {
            // Only a draft uploaded at or after this step began counts: a placeholder uploaded before (e.g. with the order) does not.
            if (recorded is not null && recorded.UploadedAt < StepStartedAt)
                throw DocSignProblem.Invalid($"Versi {recorded.Number} diunggah sebelum langkah ini dimulai; catat draft yang diunggah pada langkah ini.");
            var draft = document.Versions.Where(v => v.UploadedAt >= StepStartedAt).MaxBy(v => v.Number)
                ?? throw new DocSignProblem(ProblemKind.Conflict, "Unggah draft dokumen pada langkah ini terlebih dahulu sebelum menyelesaikannya (berkas yang diunggah sebelum langkah ini dimulai tidak dihitung).");
            recorded ??= draft;
        }
        if (step.Has(WorkflowActions.Correct))
        {
            // The corrector's result must be the newest version: a corrected (or already final) upload after the draft.
            if (document.Versions.All(v => v.Stage != VersionStage.Draft))
                throw new DocSignProblem(ProblemKind.Conflict, "Belum ada draft yang dapat dikoreksi.");
            if (latest is null || latest.Stage is not (VersionStage.Corrected or VersionStage.Final))
                throw new DocSignProblem(ProblemKind.Conflict, "Unggah versi hasil koreksi (tahap Koreksi) terlebih dahulu sebelum menyelesaikan langkah koreksi.");
            if (recorded is not null && recorded.Stage is not (VersionStage.Corrected or VersionStage.Final))
                throw DocSignProblem.Invalid($"Versi {recorded.Number} bukan versi hasil koreksi.");
            recorded ??= latest;
        }
        if (step.IsReview)
        {
            var open = _findings.Count(f => !f.IsAnswered);
            if (open > 0)
                throw new DocSignProblem(ProblemKind.Conflict, $"Reviu belum dapat ditutup: {open} catatan reviu belum dijawab.");
            // The review closes on the newest version: what the reviewer saw is what may go to the Camat.
            recorded ??= latest;
        }
        int? submitted = null;
        if (step.IsSubmit)
        {
            var final = document.Versions.Where(v => v.Stage == VersionStage.Final).OrderByDescending(v => v.Number).FirstOrDefault()
                ?? throw new DocSignProblem(ProblemKind.Conflict, "Belum ada versi final. Unggah versi dengan tahap Final sebelum mengajukan ke Camat.");
            if (recorded is not null && recorded.Number != final.Number)
                throw DocSignProblem.Invalid($"Yang diajukan ke Camat selalu versi final terakhir (versi {final.Number}).");
            if (latest!.Number != final.Number)
                throw new DocSignProblem(ProblemKind.Conflict,
                    $"Ada versi yang lebih baru (versi {latest.Number}, tahap {latest.Stage.ToWire()}) daripada versi final terakhir; unggah versi final yang baru.");
            if (ReviewedVersionNumber is { } reviewed && reviewed != final.Number)
                throw new DocSignProblem(ProblemKind.Conflict,
                    $"Versi final {final.Number} bukan versi yang direviu Inspektorat (reviu ditutup pada versi {reviewed}). "
                    + "Kembalikan dokumen ke langkah reviu agar reviu dibuka kembali untuk versi ini; tidak ada yang diajukan.");
            recorded = final;
            submitted = final.Number;
        }

        var entry = Append(step.IsSubmit ? WorkflowLogKinds.Submitted : WorkflowLogKinds.Advanced, step.Id, actor, now, recorded?.Number, note);
        if (submitted is not null) SubmittedVersionNumber = submitted;
        if (step.IsReview) ReviewedVersionNumber = recorded?.Number;
        MoveTo(sop, CurrentStepIndex + 1, now, calendar);
        return entry;
    }

    /// <summary>
    /// Records the Camat's signature on the sign step and moves on. Called by the signing use case after it
    /// stored the signed version: only on the sign step, only by its role, only for a signed version newer than
    /// the submitted final one.
    /// </summary>
    public WorkflowLogEntry RecordSignature(SopDefinition sop, OfficeWorkflow mapping, Document document, Actor actor,
        int signedVersionNumber, string? note, DateTimeOffset now, WorkingCalendar calendar)
    {
        var step = RequireSignStep(sop, mapping, actor);
        var signed = document.Versions.FirstOrDefault(v => v.Number == signedVersionNumber);
        if (signed is null || signed.Stage != VersionStage.Signed || signedVersionNumber <= SubmittedVersionNumber)
            throw DocSignProblem.Invalid($"Versi {signedVersionNumber} bukan versi bertanda tangan dari versi final yang diajukan.");
        var entry = Append(WorkflowLogKinds.Signed, step.Id, actor, now, signedVersionNumber, CleanNote(note, required: false));
        MoveTo(sop, CurrentStepIndex + 1, now, calendar);
        return entry;
    }

    private SopStep RequireSignStep(SopDefinition sop, OfficeWorkflow mapping, Actor actor)
    {
        var step = CurrentStep(sop);
        if (step is null || !step.IsSign)
            throw new DocSignProblem(ProblemKind.Conflict, "Dokumen ini belum diajukan ke Camat untuk ditandatangani (atau sudah ditandatangani).");
        RequireRole(mapping, actor, step);
        if (SubmittedVersionNumber is null)
            throw new DocSignProblem(ProblemKind.Conflict, "Belum ada versi final yang diajukan untuk ditandatangani.");
        return step;
    }

    /// <summary>
    /// Sends the document back one step with a note (e.g. the Sekcam returns a draft for rework). Only the
    /// current step's role may return it; never back across a signature.
    /// </summary>
    /// <param name="actorName">The person's name on record, for the banner (the user name when not given).</param>
    public WorkflowLogEntry Return(SopDefinition sop, OfficeWorkflow mapping, Actor actor, string? stepId, string? note,
        DateTimeOffset now, WorkingCalendar calendar, string? actorName = null)
    {
        var step = RequireCurrent(sop, stepId);
        RequireRole(mapping, actor, step);
        var text = CleanNote(note, required: true);
        if (CurrentStepIndex == 0)
            throw new DocSignProblem(ProblemKind.Conflict, "Langkah pertama tidak dapat dikembalikan.");
        var signIndex = sop.Steps.ToList().FindIndex(s => s.IsSign);
        if (signIndex >= 0 && CurrentStepIndex > signIndex)
            throw new DocSignProblem(ProblemKind.Conflict, "Dokumen sudah ditandatangani; langkah sebelum penandatanganan tidak dapat dibuka lagi.");
        var entry = Append(WorkflowLogKinds.Returned, step.Id, actor, now, null, text);
        var holderRoles = mapping.Holders(step).OfficeRoles;
        ReturnNote = text;
        ReturnedByName = string.IsNullOrWhiteSpace(actorName) ? actor.UserName : actorName.Trim();
        ReturnedByRole = actor.Memberships.Where(m => m.OfficeId == OfficeId).Select(m => m.Role)
            .OrderBy(r => holderRoles.Contains(r) ? 0 : 1).FirstOrDefault();
        ReturnedAt = now;
        // Going back before the sign step withdraws the submission: a new final version must be submitted again.
        if (step.IsSign) SubmittedVersionNumber = null;
        // Going back to the review step reopens the review: it closes again on the version then newest.
        if (sop.Steps[CurrentStepIndex - 1].IsReview) ReviewedVersionNumber = null;
        MoveTo(sop, CurrentStepIndex - 1, now, calendar);
        return entry;
    }

    /// <summary>Whether the sign step of this run is done (the document's current run is signed).</summary>
    public bool IsPastSignature(SopDefinition sop)
    {
        var signIndex = sop.Steps.ToList().FindIndex(s => s.IsSign);
        return signIndex >= 0 && (Status == WorkflowStatus.Completed || CurrentStepIndex > signIndex);
    }

    /// <summary>Whether <see cref="Return"/> would be accepted from the current step (the screens offer only what is allowed).</summary>
    public bool CanReturn(SopDefinition sop) => Status == WorkflowStatus.Running && CurrentStepIndex > 0 && !IsPastSignature(sop);

    /// <summary>
    /// A revisi after the signature: a new run of the SOP on the same document, from its first drafting step (where the
    /// corrected text is uploaded), with a note saying why. The signed version of the earlier run stays as it is and stays
    /// valid; the new run is submitted, reviewed and signed again. Only office staff, only after the sign step.
    /// </summary>
    public WorkflowLogEntry StartRevision(SopDefinition sop, Actor actor, string? note, DateTimeOffset now, WorkingCalendar calendar)
    {
        if (!actor.IsStaffOf(OfficeId))
            throw DocSignProblem.Forbidden("Revisi dimulai oleh staf kantor yang menyusun dokumen.");
        if (!IsPastSignature(sop))
            throw new DocSignProblem(ProblemKind.Conflict, "Revisi hanya dapat dimulai setelah dokumen ditandatangani; sebelum itu unggah saja versi baru.");
        var text = CleanNote(note, required: true);
        var index = sop.Steps.ToList().FindIndex(s => s.Has(WorkflowActions.UploadDraft) || s.Has(WorkflowActions.Correct));
        if (index < 0) index = 0;
        Run++;
        SubmittedVersionNumber = null;
        ReviewedVersionNumber = null;
        CompletedAt = null;
        var entry = Append(WorkflowLogKinds.Revised, sop.Steps[index].Id, actor, now, null, text);
        EnterStep(sop, index, now, calendar);
        return entry;
    }

    /// <summary>The auditor records a review finding (catatan reviu) while the review step is current.</summary>
    public ReviewFinding RecordFinding(SopDefinition sop, OfficeWorkflow mapping, Actor actor, string? text, DateTimeOffset now)
    {
        var step = CurrentStep(sop);
        if (step is null || !step.IsReview)
            throw new DocSignProblem(ProblemKind.Conflict, "Catatan reviu hanya dapat dibuat selama langkah reviu berjalan.");
        RequireRole(mapping, actor, step);
        var body = text?.Trim() ?? "";
        if (body.Length == 0 || body.Length > ReviewFinding.MaxTextLength)
            throw DocSignProblem.Invalid($"Isi catatan reviu wajib diisi, paling banyak {ReviewFinding.MaxTextLength} karakter.");
        if (_findings.Count >= ReviewFinding.MaxPerDocument)
            throw DocSignProblem.Invalid($"Paling banyak {ReviewFinding.MaxPerDocument} catatan reviu per dokumen.");
        var finding = new ReviewFinding(Guid.NewGuid(), Id, _findings.Count + 1, body, actor.UserName, now);
        _findings.Add(finding);
        Append(WorkflowLogKinds.FindingRecorded, step.Id, actor, now, null, $"Catatan reviu #{finding.Number}: {body}", finding.Id);
        return finding;
    }

    /// <summary>
    /// The office answers a finding with a corrected version uploaded after the finding was raised and a note.
    /// Only office staff (not the reviewer) answer, only during the review step, each finding once.
    /// </summary>
    public ReviewFinding AnswerFinding(SopDefinition sop, Document document, Actor actor, Guid findingId, int? versionNumber,
        string? note, DateTimeOffset now)
    {
        var step = CurrentStep(sop);
        if (step is null || !step.IsReview)
            throw new DocSignProblem(ProblemKind.Conflict, "Catatan reviu hanya dapat dijawab selama langkah reviu berjalan.");
        if (!actor.IsStaffOf(OfficeId))
            throw DocSignProblem.Forbidden("Catatan reviu dijawab oleh staf kantor yang menyusun dokumen.");
        var finding = _findings.FirstOrDefault(f => f.Id == findingId) ?? throw DocSignProblem.NotFound("Catatan reviu tidak ditemukan.");
        if (finding.IsAnswered)
            throw new DocSignProblem(ProblemKind.Conflict, $"Catatan reviu #{finding.Number} sudah dijawab.");
        var text = CleanNote(note, required: true)!;
        if (versionNumber is null)
            throw DocSignProblem.Invalid("Sebutkan nomor versi perbaikan (versionNumber) yang menjawab catatan ini.");
        var version = document.Versions.FirstOrDefault(v => v.Number == versionNumber)
            ?? throw DocSignProblem.Invalid($"Versi {versionNumber} tidak ada pada dokumen ini.");
        if (version.UploadedAt < finding.RaisedAt || version.Stage == VersionStage.Signed)
            throw DocSignProblem.Invalid($"Versi {versionNumber} bukan perbaikan: jawaban harus menunjuk versi yang diunggah setelah catatan dibuat.");
        finding.Answer(version.Number, text, actor.UserName, now);
        Append(WorkflowLogKinds.FindingAnswered, step.Id, actor, now, version.Number, $"Jawaban catatan reviu #{finding.Number}: {text}", finding.Id);
        return finding;
    }

    /// <summary>Flags the current step as past its deadline, once; returns false when there is nothing to flag.</summary>
    /// <summary>
    /// Counts the current step's deadline again from when the step started, in the office's calendar as it is now (a
    /// regional day added, hours changed). A step no longer late loses its flag (its earlier log entry stays).
    /// Returns whether anything changed.
    /// </summary>
    public bool Reschedule(SopDefinition sop, WorkingCalendar calendar, DateTimeOffset now)
    {
        if (Status != WorkflowStatus.Running) return false;
        var deadline = calendar.Deadline(StepStartedAt, sop.Steps[CurrentStepIndex].Waktu);
        var overdue = StepOverdue && deadline is { } d && now > d;
        if (deadline == StepDeadline && overdue == StepOverdue) return false;
        StepDeadline = deadline;
        StepDeadlineTicks = deadline?.UtcTicks;
        StepOverdue = overdue;
        Revision++;
        return true;
    }

    /// <param name="time">The office's zone, in which the log note names the deadline.</param>
    public bool FlagOverdue(DateTimeOffset now, Calendar.OfficeTime? time = null)
    {
        if (Status != WorkflowStatus.Running || StepOverdue || StepDeadline is null || now <= StepDeadline) return false;
        StepOverdue = true;
        Revision++;
        _log.Add(new WorkflowLogEntry(Guid.NewGuid(), Id, _log.Count + 1, WorkflowLogKinds.Overdue, CurrentStepId, null, SystemActor.Name, now, null,
            $"Melewati batas waktu {(time ?? Calendar.OfficeTime.Wib).Text(StepDeadline)}", null, StepDeadline));
        return true;
    }

    private SopStep RequireCurrent(SopDefinition sop, string? stepId)
    {
        var step = CurrentStep(sop) ?? throw new DocSignProblem(ProblemKind.Conflict, "Alur SOP dokumen ini sudah selesai.");
        if (stepId is not null && stepId != step.Id)
        {
            var asked = sop.FindStep(stepId);
            throw asked is null
                ? DocSignProblem.Invalid($"Langkah '{stepId}' tidak ada di SOP {sop.Number}.")
                : new DocSignProblem(ProblemKind.Conflict, $"Langkah {asked.Number} bukan langkah yang sedang berjalan; langkah saat ini adalah langkah {step.Number}: {step.Text}");
        }
        return step;
    }

    private void RequireRole(OfficeWorkflow mapping, Actor actor, SopStep step)
    {
        if (mapping.OfficeId != OfficeId) throw new InvalidOperationException("Role mapping of another office.");
        if (!mapping.MayAct(actor, step))
            throw DocSignProblem.Forbidden($"Langkah {step.Number} dikerjakan oleh {string.Join(" / ", step.Roles)}; Anda tidak memegang peran itu di kantor ini.");
    }

    private static string? CleanNote(string? note, bool required)
    {
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (required && text is null) throw DocSignProblem.Invalid("Catatan wajib diisi.");
        if (text is { Length: > MaxNoteLength }) throw DocSignProblem.Invalid($"Catatan terlalu panjang; paling banyak {MaxNoteLength} karakter.");
        return text;
    }

    private WorkflowLogEntry Append(string kind, string stepId, Actor actor, DateTimeOffset at, int? version, string? note, Guid? findingId = null)
    {
        var entry = new WorkflowLogEntry(Guid.NewGuid(), Id, _log.Count + 1, kind, stepId, actor.UserId, actor.UserName, at, version, note, findingId,
            kind is WorkflowLogKinds.Started ? null : StepDeadline);
        _log.Add(entry);
        Revision++;
        // The step that was returned is done again (or a new run starts): the return's banner has served.
        if (kind is WorkflowLogKinds.Advanced or WorkflowLogKinds.Submitted or WorkflowLogKinds.Signed or WorkflowLogKinds.Revised)
            (ReturnNote, ReturnedByName, ReturnedByRole, ReturnedAt) = (null, null, null, null);
        return entry;
    }

    private void MoveTo(SopDefinition sop, int index, DateTimeOffset now, WorkingCalendar calendar)
    {
        if (index >= sop.Steps.Count)
        {
            Status = WorkflowStatus.Completed;
            CurrentStepIndex = sop.Steps.Count;
            CurrentStepId = "";
            CompletedAt = now;
            StepDeadline = null;
            StepDeadlineTicks = null;
            StepOverdue = false;
            StepStartedAt = now;
            return;
        }
        EnterStep(sop, index, now, calendar);
    }

    private void EnterStep(SopDefinition sop, int index, DateTimeOffset now, WorkingCalendar calendar)
    {
        Status = WorkflowStatus.Running;
        CurrentStepIndex = index;
        CurrentStepId = sop.Steps[index].Id;
        StepStartedAt = now;
        StepDeadline = calendar.Deadline(now, sop.Steps[index].Waktu);
        StepDeadlineTicks = StepDeadline?.UtcTicks;
        StepOverdue = false;
    }
}
