namespace DocSign.Core.Workflow;

/// <summary>
/// One office's SOP as data: its identity (number, name, dates), the roles it names and its steps in order.
/// Transcribed from the SOP text into <c>Workflow/Templates/&lt;key&gt;.json</c>; never holds officials' names.
/// </summary>
public sealed record SopDefinition(
    string Key,
    string Office,
    string Source,
    string Number,
    string Name,
    DateOnly? CreatedOn,
    DateOnly? RevisedOn,
    DateOnly? ApprovedOn,
    DateOnly? EffectiveOn,
    string? ApprovedBy,
    IReadOnlyList<string> DocumentKinds,
    IReadOnlyList<SopRole> Roles,
    IReadOnlyList<SopStep> Steps)
{
    public SopStep? FindStep(string stepId) => Steps.FirstOrDefault(s => s.Id == stepId);

    public int IndexOf(string stepId)
    {
        for (var i = 0; i < Steps.Count; i++)
            if (Steps[i].Id == stepId) return i;
        return -1;
    }

    /// <summary>Whether a document of this kind runs through this SOP (case-insensitive).</summary>
    public bool Governs(string documentKind) =>
        DocumentKinds.Any(k => string.Equals(k, documentKind.Trim(), StringComparison.OrdinalIgnoreCase));

    public SopRole? FindRole(string name) => Roles.FirstOrDefault(r => r.Name == name);

    /// <summary>The rest of the SOP's identity and its header sections (Dasar Hukum ... Pencatatan dan Pendataan), as the seed gives them.</summary>
    public SopHeader Header { get; init; } = SopHeader.Empty;

    /// <summary>For an office's own version: the template (or earlier version) it was adapted from; null for a seed template.</summary>
    public SopOrigin? Origin { get; init; }
}

/// <summary>A role as the SOP names it (e.g. "Kasubbg Keuangan dan Program"), with the office roles it maps to by default.</summary>
public sealed record SopRole(string Name, string? Description, IReadOnlyList<string> DefaultOfficeRoles, bool Added);

/// <summary>
/// One step of a SOP: what is done, by which SOP role(s), the action kind(s) (the first is the main one),
/// and the Mutu Baku (Kelengkapan, Waktu, Output). <see cref="Added"/> marks steps DocSign adds to the SOP.
/// </summary>
public sealed record SopStep(
    string Id,
    int Number,
    string Text,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Actions,
    string Kelengkapan,
    string? WaktuRaw,
    TimeStandard? Waktu,
    string Output,
    bool Added,
    string? Remark)
{
    public string Action => Actions[0];

    public bool Has(string action) => Actions.Contains(action);

    /// <summary>The SOP gives a Waktu that DocSign cannot read: the step gets no deadline and the SOP page says so.</summary>
    public bool WaktuUnreadable => WaktuRaw is not null && Waktu is null;

    public bool IsSign => Has(WorkflowActions.Sign);
    public bool IsSubmit => Has(WorkflowActions.Submit);
    public bool IsReview => Has(WorkflowActions.Review);

    /// <summary>Where the acting role comes from: read from the SOP's text, inferred (with the reason), or set by the office.</summary>
    public SopActor? Actor { get; init; }

    /// <summary>The seed's own wording of a field DocSign shows corrected (keys: <c>text</c>, <c>kelengkapan</c>, <c>output</c>).</summary>
    public IReadOnlyDictionary<string, string> AsWritten { get; init; } = SopHeader.NoWording;

    /// <summary>The SOP's Keterangan column for this step, as written (e.g. "Konsep Laporan Kinerja", "-"); null when the SOP has no such column.</summary>
    public string? Keterangan { get; init; }

    /// <summary>
    /// A time standard DocSign proposed for a step the SOP gives none (e.g. on an added step). Shown as a proposal and
    /// never enforced: <see cref="Waktu"/> stays empty, so no deadline and no overdue flag, until the office sets a Waktu itself.
    /// </summary>
    public string? SuggestedWaktu { get; init; }
}
